using System.Runtime.InteropServices;

namespace LoongsonDbt.Runtime.Cpu;

/// <summary>
/// The architectural state of one guest CPU, in native memory so that the interpreter, the
/// compiled code and the helpers all reach it through one pointer (DBT-NOTES C.4).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct CpuState
{
    /// <summary>GPR[0] is kept zero: writes to it are discarded by every writer.</summary>
    public fixed ulong Gpr[32];

    public ulong Hi;

    public ulong Lo;

    /// <summary>The next instruction to execute (the block entry when control is outside a block).</summary>
    public ulong Pc;

    /// <summary>FPRs as 64-bit registers (Status.FR = 1, as n64 uses them).</summary>
    public fixed ulong Fpr[32];

    /// <summary>FCSR (FCR31): condition codes, cause, enables, flags, rounding mode.</summary>
    public uint Fcsr;

    /// <summary>Set by LL/LLD, cleared by ERET and by any SC/SCD; SC succeeds only while set.</summary>
    public int LLBit;

    /// <summary>The address LL/LLD loaded from; an SC to another address fails.</summary>
    public ulong LLAddress;

    /// <summary>CP0 UserLocal, read by <c>rdhwr $29</c> (the TLS pointer).</summary>
    public ulong UserLocal;

    /// <summary>
    /// Instructions left before the executing thread must come back to the dispatcher; another thread
    /// makes it negative to request an exit (DBT-NOTES C.7).
    /// </summary>
    public long Budget;

    /// <summary>The exception the last instruction raised, or <see cref="GuestException.None"/>.</summary>
    public GuestException Exception;

    /// <summary>Set with <see cref="Exception"/> when the faulting instruction sat in a delay slot.</summary>
    public int ExceptionInDelaySlot;

    /// <summary>PC of the faulting instruction (of its branch, for a delay slot: MIPS EPC).</summary>
    public ulong ExceptionPc;

    /// <summary>The faulting address of an address error or TLB exception.</summary>
    public ulong BadVAddr;

    /// <summary>The faulting instruction word (MIPS BadInstr), for trap codes and diagnostics.</summary>
    public uint BadInstruction;

    /// <summary>The software TLB of the current address space, reached from compiled code.</summary>
    public Memory.SoftTlbEntry* Tlb;

    /// <summary>A GCHandle to the <see cref="Memory.IGuestMemory"/> behind <see cref="Tlb"/>, for the slow path.</summary>
    public nint MemoryHandle;

    /// <summary>A GCHandle to the <see cref="SystemCpu"/> of a full-system guest; zero in user mode, where CP0 does not exist.</summary>
    public nint SystemHandle;

    /// <summary>Status.CU1 as the FPU instructions check it; always set in user mode.</summary>
    public int FpuUsable;

    /// <summary>
    /// The RDHWR registers the current mode may read (bit n = register n): HWREna in user mode of a
    /// full-system guest, all of them in kernel mode and for user-mode programs.
    /// </summary>
    public uint ReadableHardwareRegisters;

    /// <summary>Cause.CE of a Coprocessor Unusable exception: which coprocessor was touched.</summary>
    public int ExceptionCoprocessor;

    /// <summary>
    /// Set by compiled code that left at a memory access its software TLB did not serve (a miss, a device, a page
    /// of code): the dispatcher interprets the next block once, and the interpreter's slow path serves the access
    /// (filling the TLB or raising the exception), so the access always makes progress.
    /// </summary>
    public int InterpretNext;

    public static int InterpretNextOffset => (int)Marshal.OffsetOf(typeof(CpuState), nameof(InterpretNext));

    public static int BudgetOffset => (int)Marshal.OffsetOf(typeof(CpuState), nameof(Budget));

    public static int GprOffset(int register) => (int)Marshal.OffsetOf(typeof(CpuState), nameof(Gpr)) + register * sizeof(ulong);

    /// <summary>Records a Coprocessor Unusable exception for <paramref name="coprocessor"/> (Cause.CE).</summary>
    public void RaiseCoprocessorUnusable(int coprocessor)
    {
        Exception = GuestException.CoprocessorUnusable;
        ExceptionCoprocessor = coprocessor;
    }

    /// <summary>Records an exception raised by the instruction at <paramref name="pc"/>.</summary>
    public void Raise(GuestException exception, ulong pc, bool inDelaySlot, uint word)
    {
        Exception = exception;
        ExceptionPc = inDelaySlot ? pc - 4 : pc;
        ExceptionInDelaySlot = inDelaySlot ? 1 : 0;
        BadInstruction = word;
    }
}
