using System.Runtime.InteropServices;

namespace LoongsonDbt.Runtime.Memory;

/// <summary>
/// One entry of the direct-mapped software TLB (QEMU's CPUTLBEntry): a hit is
/// <c>(vaddr &amp; (PageMask | (size - 1))) == tag</c>, then the host address is <c>vaddr + Addend</c>.
/// Flag bits in a tag make the compare fail, sending special pages to the slow path for free.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct SoftTlbEntry
{
    /// <summary>A tag bit no page address has: the entry is empty.</summary>
    public const ulong InvalidFlag = 1UL << 11;

    /// <summary>A write-tag bit: the page holds translated code, stores must invalidate it first.</summary>
    public const ulong CodePageFlag = 1UL << 10;

    /// <summary>log2 of the entry's size in bytes.</summary>
    public const int SizeShift = 5;

    public ulong ReadTag;

    public ulong WriteTag;

    public long Addend;

    /// <summary>Pads the entry to 1 &lt;&lt; <see cref="SizeShift"/> bytes so an index is a shift.</summary>
    public ulong Reserved;

    public static SoftTlbEntry Empty => new() { ReadTag = InvalidFlag, WriteTag = InvalidFlag };

    /// <summary>
    /// Empties a whole software TLB (every mmap and ASID change does this). A plain loop: Span.Fill over this struct
    /// is a generic instantiation ReadyToRun cannot precompile, so every process start would JIT it.
    /// </summary>
    public static unsafe void Flush(SoftTlbEntry* table)
    {
        for (int i = 0; i < GuestMemory.TlbEntries; i++)
        {
            table[i] = Empty;
        }
    }
}
