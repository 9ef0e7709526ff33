using System.Runtime.CompilerServices;
using LoongsonDbt.Runtime.Cpu;

namespace LoongsonDbt.Translator.Semantics;

/// <summary>
/// Traps, system calls, barriers, hints and hardware registers. An instruction that raises an
/// exception records it in the state; the engine then leaves the block with the state precise.
/// </summary>
public static unsafe class SystemOperations
{
    /// <summary>CCRes: Count advances every other cycle (ISA.md 4.8).</summary>
    private const ulong CycleCounterResolution = 2;

    /// <summary>SYNCI_Step of the Loongson-3A1000 (ISA.md 4.11).</summary>
    private const ulong SynciStep = 32;

    public static void Syscall(CpuState* state) => state->Exception = GuestException.Syscall;
    public static void Break(CpuState* state) => state->Exception = GuestException.Breakpoint;
    public static void Sdbbp(CpuState* state) => state->Exception = GuestException.Breakpoint;
    public static void Teq(CpuState* state, ulong rs, ulong rt) => TrapIf(state, rs == rt);
    public static void Tne(CpuState* state, ulong rs, ulong rt) => TrapIf(state, rs != rt);
    public static void Tge(CpuState* state, ulong rs, ulong rt) => TrapIf(state, (long)rs >= (long)rt);
    public static void Tgeu(CpuState* state, ulong rs, ulong rt) => TrapIf(state, rs >= rt);
    public static void Tlt(CpuState* state, ulong rs, ulong rt) => TrapIf(state, (long)rs < (long)rt);
    public static void Tltu(CpuState* state, ulong rs, ulong rt) => TrapIf(state, rs < rt);
    public static void Teqi(CpuState* state, ulong rs, ulong immediate) => TrapIf(state, rs == Sx16(immediate));
    public static void Tnei(CpuState* state, ulong rs, ulong immediate) => TrapIf(state, rs != Sx16(immediate));
    public static void Tgei(CpuState* state, ulong rs, ulong immediate) => TrapIf(state, (long)rs >= (long)Sx16(immediate));
    public static void Tgeiu(CpuState* state, ulong rs, ulong immediate) => TrapIf(state, rs >= Sx16(immediate));
    public static void Tlti(CpuState* state, ulong rs, ulong immediate) => TrapIf(state, (long)rs < (long)Sx16(immediate));
    public static void Tltiu(CpuState* state, ulong rs, ulong immediate) => TrapIf(state, rs < Sx16(immediate));

    // Overflow-checking arithmetic: on overflow the destination is left unchanged.
    public static ulong Add(CpuState* state, ulong rs, ulong rt, ulong rd) => Checked32(state, (long)(int)rs + (int)rt, rd);
    public static ulong Sub(CpuState* state, ulong rs, ulong rt, ulong rd) => Checked32(state, (long)(int)rs - (int)rt, rd);
    public static ulong Addi(CpuState* state, ulong rs, ulong immediate, ulong rt) => Checked32(state, (long)(int)rs + (short)immediate, rt);

    public static ulong Dadd(CpuState* state, ulong rs, ulong rt, ulong rd)
    {
        ulong sum = rs + rt;
        return ((rs ^ sum) & (rt ^ sum)) >> 63 != 0 ? Overflow(state, rd) : sum;
    }

    public static ulong Dsub(CpuState* state, ulong rs, ulong rt, ulong rd)
    {
        ulong difference = rs - rt;
        return ((rs ^ rt) & (rs ^ difference)) >> 63 != 0 ? Overflow(state, rd) : difference;
    }

    public static ulong Daddi(CpuState* state, ulong rs, ulong immediate, ulong rt) => Dadd(state, rs, Sx16(immediate), rt);

    // Barriers and hints: nothing to do for a single in-order CPU with coherent caches.
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Sync() { }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Pref() { }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Synci() { }

    /// <summary>RDHWR: the hardware registers user code may read (HWREna as Linux sets it, ISA.md 4.11).</summary>
    public static ulong Rdhwr(CpuState* state, ulong word, ulong rt)
    {
        int register = (int)(word >> 11) & 0x1F;
        if (((state->ReadableHardwareRegisters >> register) & 1) == 0)
        {
            // Not enabled in HWREna for user code: the kernel emulates it (how Linux serves rdhwr $29 here).
            state->Exception = GuestException.ReservedInstruction;
            return rt;
        }

        switch (register)
        {
            // CPUNum and CC are EBase.CPUNum and Count on a full system (MIPS64 Volume II, RDHWR); a process has no CP0.
            case 0: return state->SystemHandle != 0 ? SystemCpu.From(state).Cp0.EBase & 0x3FF : 0;
            case 1: return SynciStep;
            case 2:
                return state->SystemHandle != 0 ? SystemCpu.From(state).Cp0.Read(9, 0)
                    : IntegerOperations.Sx32((uint)((ulong)System.Diagnostics.Stopwatch.GetTimestamp() / CycleCounterResolution));
            case 3: return CycleCounterResolution;
            case 29: return state->UserLocal;
            default:
                state->Exception = GuestException.ReservedInstruction;
                return rt;
        }
    }

    public static void Reserved(CpuState* state) => state->Exception = GuestException.ReservedInstruction;

    private static void TrapIf(CpuState* state, bool condition)
    {
        if (condition)
        {
            state->Exception = GuestException.Trap;
        }
    }

    private static ulong Checked32(CpuState* state, long result, ulong unchanged) =>
        result != (int)result ? Overflow(state, unchanged) : (ulong)(long)(int)result;

    private static ulong Overflow(CpuState* state, ulong unchanged)
    {
        state->Exception = GuestException.Overflow;
        return unchanged;
    }

    private static ulong Sx16(ulong immediate) => (ulong)(long)(short)immediate;
}
