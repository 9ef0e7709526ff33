using LoongsonDbt.Runtime.Cpu;

namespace LoongsonDbt.Translator.Semantics;

/// <summary>
/// Coprocessor 0 and TLB instructions of a full-system guest: they call into the CPU's <see cref="Cp0"/>.
/// In user mode without Status.CU0 they raise Coprocessor Unusable; for user-mode programs (no CP0 at
/// all) Reserved Instruction, as a Linux process sees them.
/// </summary>
public static unsafe class Cp0Operations
{
    public static ulong Mfc0(CpuState* state, ulong word, ulong rt) =>
        Privileged(state) ? IntegerOperations.Sx32((uint)SystemCpu.From(state).Cp0.Read(Register(word), Select(word))) : rt;

    public static ulong Dmfc0(CpuState* state, ulong word, ulong rt) =>
        Privileged(state) ? SystemCpu.From(state).Cp0.Read(Register(word), Select(word)) : rt;

    public static void Mtc0(CpuState* state, ulong word, ulong rt)
    {
        if (Privileged(state))
        {
            SystemCpu.From(state).Cp0.Write(Register(word), Select(word), IntegerOperations.Sx32((uint)rt));
        }
    }

    public static void Dmtc0(CpuState* state, ulong word, ulong rt)
    {
        if (Privileged(state))
        {
            SystemCpu.From(state).Cp0.Write(Register(word), Select(word), rt);
        }
    }

    /// <summary>DI: clears Status.IE, returning the old Status.</summary>
    public static ulong Di(CpuState* state, ulong rt) => SetInterruptEnable(state, rt, enable: false);

    /// <summary>EI: sets Status.IE, returning the old Status.</summary>
    public static ulong Ei(CpuState* state, ulong rt) => SetInterruptEnable(state, rt, enable: true);

    public static void Tlbr(CpuState* state)
    {
        if (Privileged(state))
        {
            SystemCpu.From(state).Cp0.TlbRead();
        }
    }

    public static void Tlbwi(CpuState* state)
    {
        if (Privileged(state))
        {
            SystemCpu.From(state).Cp0.TlbWriteIndexed();
        }
    }

    public static void Tlbwr(CpuState* state)
    {
        if (Privileged(state))
        {
            SystemCpu.From(state).Cp0.TlbWriteRandom();
        }
    }

    public static void Tlbp(CpuState* state)
    {
        if (Privileged(state))
        {
            SystemCpu.From(state).Cp0.TlbProbe();
        }
    }

    /// <summary>ERET leaves the block: the vCPU loop returns from the exception level and continues at EPC.</summary>
    public static void Eret(CpuState* state)
    {
        if (Privileged(state))
        {
            state->Exception = GuestException.ExceptionReturn;
        }
    }

    /// <summary>WAIT leaves the block: the vCPU loop idles until an interrupt.</summary>
    public static void Wait(CpuState* state)
    {
        if (Privileged(state))
        {
            state->Exception = GuestException.Wait;
        }
    }

    /// <summary>CACHE: no caches are modelled; stores to code invalidate translations by themselves.</summary>
    public static void Cache(CpuState* state) => Privileged(state);

    private static ulong SetInterruptEnable(CpuState* state, ulong rt, bool enable)
    {
        if (!Privileged(state))
        {
            return rt;
        }

        Cp0 cp0 = SystemCpu.From(state).Cp0;
        uint status = cp0.Status;
        cp0.Write(12, 0, enable ? status | Cp0.StatusIE : status & ~Cp0.StatusIE);
        return IntegerOperations.Sx32(status);
    }

    private static bool Privileged(CpuState* state)
    {
        if (state->SystemHandle == 0)
        {
            state->Exception = GuestException.ReservedInstruction;
            return false;
        }

        Cp0 cp0 = SystemCpu.From(state).Cp0;
        if (cp0.UserMode && (cp0.Status & Cp0.StatusCU0) == 0)
        {
            state->RaiseCoprocessorUnusable(0);
            return false;
        }

        return true;
    }

    private static int Register(ulong word) => (int)(word >> 11) & 0x1F;

    private static int Select(ulong word) => (int)word & 7;
}
