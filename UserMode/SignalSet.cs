using System.Buffers.Binary;
using System.Numerics;

namespace LoongsonDbt.UserMode;

/// <summary>
/// A set of the 128 MIPS signals, as the kernel's sigset_t holds it: bit n-1 for signal n, two little-endian doublewords.
/// Two ulongs rather than UInt128, whose operators and the methods that use them ReadyToRun leaves to the JIT.
/// </summary>
public readonly record struct SignalSet(ulong Low, ulong High)
{
    public bool IsEmpty => (Low | High) == 0;

    public static SignalSet Of(int signal) =>
        signal <= 64 ? new SignalSet(1UL << (signal - 1), 0) : new SignalSet(0, 1UL << (signal - 65));

    /// <summary>The lowest-numbered signal in the set, or 0 when it is empty.</summary>
    public int First => Low != 0 ? BitOperations.TrailingZeroCount(Low) + 1
        : High != 0 ? BitOperations.TrailingZeroCount(High) + 65
        : 0;

    public bool Contains(int signal) => !(this & Of(signal)).IsEmpty;

    public static SignalSet Read(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]));

    public void Write(Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, Low);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], High);
    }

    public static SignalSet operator |(SignalSet a, SignalSet b) => new(a.Low | b.Low, a.High | b.High);

    public static SignalSet operator &(SignalSet a, SignalSet b) => new(a.Low & b.Low, a.High & b.High);

    public static SignalSet operator ~(SignalSet a) => new(~a.Low, ~a.High);
}
