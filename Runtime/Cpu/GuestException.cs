namespace LoongsonDbt.Runtime.Cpu;

/// <summary>
/// The architectural exception an instruction raised (MIPS Cause.ExcCode values), recorded in
/// <see cref="CpuState"/> by the helper that detected it; execution leaves the block through a status,
/// never a .NET exception.
/// </summary>
public enum GuestException : int
{
    None = -1,
    Interrupt = 0,
    TlbModified = 1,
    TlbLoad = 2,
    TlbStore = 3,
    AddressErrorLoad = 4,
    AddressErrorStore = 5,
    InstructionBusError = 6,
    DataBusError = 7,
    Syscall = 8,
    Breakpoint = 9,
    ReservedInstruction = 10,
    CoprocessorUnusable = 11,
    Overflow = 12,
    Trap = 13,
    FloatingPoint = 15,

    /// <summary>Not an exception: ERET reached; the vCPU returns from the exception level (full system only).</summary>
    ExceptionReturn = 64,

    /// <summary>Not an exception: WAIT reached; the vCPU idles until an interrupt (full system only).</summary>
    Wait = 65,
}
