namespace LoongsonDbt.UserMode;

/// <summary>
/// A guest <c>struct sigaction</c> as n64 lays it out (arch/mips/include/uapi/asm/signal.h):
/// sa_flags (u32) at 0, sa_handler at 8, sa_mask (16 bytes) at 16.
/// </summary>
public readonly record struct SignalAction(ulong Handler, uint Flags, SignalSet Mask)
{
    public const int Size = 32;
    public const ulong Default = 0;
    public const ulong Ignore = 1;
    public const uint SaSigInfo = 0x0000_0008;
    public const uint SaOnStack = 0x0800_0000;
    public const uint SaRestart = 0x1000_0000;
    public const uint SaNoDefer = 0x4000_0000;
    public const uint SaResetHand = 0x8000_0000;
}
