namespace LoongsonDbt.Runtime.Memory;

/// <summary>
/// The architectural joint TLB of a Loongson-3A1000 core: 64 R4000-style entries, each mapping an
/// even/odd pair of pages of the size its PageMask gives (MIPS64 Volume III, 4.9). Looked up only on
/// software-TLB misses; the CPU's TLB instructions read and write it.
/// </summary>
public sealed class Tlb
{
    public const int Size = 64;

    /// <summary>Virtual address bits the core implements (PLATFORM.md 5).</summary>
    public const int SegmentBits = 48;

    /// <summary>Physical address bits the core implements.</summary>
    public const int PhysicalBits = 48;

    /// <summary>EntryHi's writable bits: R (63:62), VPN2 (47:13) and ASID (7:0).</summary>
    public const ulong EntryHiMask = (3UL << 62) | (((1UL << SegmentBits) - 1) & ~0x1FFFUL) | 0xFF;

    /// <summary>EntryLo's writable bits: PFN for 48-bit physical addresses, C, D, V, G.</summary>
    public const ulong EntryLoMask = ((1UL << (PhysicalBits - 12 + 6)) - 1);

    private readonly TlbEntry[] _entries = new TlbEntry[Size];

    public ref TlbEntry this[int index] => ref _entries[index & (Size - 1)];

    /// <summary>The entry that maps <paramref name="address"/> for <paramref name="asid"/>, or -1 (a refill).</summary>
    public int Find(ulong address, byte asid)
    {
        for (int i = 0; i < Size; i++)
        {
            ref TlbEntry entry = ref _entries[i];
            if (entry.Matches(address, asid))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>One TLB entry as TLBWI writes it from EntryHi, PageMask and EntryLo0/1.</summary>
public struct TlbEntry
{
    public ulong EntryHi;

    public ulong PageMask;

    public ulong EntryLo0;

    public ulong EntryLo1;

    /// <summary>Set by a TLB write: entries the guest never wrote match nothing (hardware leaves them undefined).</summary>
    public bool Written;

    /// <summary>The AND of both EntryLo G bits, as the hardware stores it.</summary>
    public readonly bool Global => (EntryLo0 & EntryLo1 & 1) != 0;

    public readonly byte Asid => (byte)EntryHi;

    /// <summary>Bytes per page: PageMask covers bits 28:13 of the pair, so one page is half of that.</summary>
    public readonly ulong PageSize => ((PageMask >> 13) + 1) << 12;

    /// <summary>The virtual address bits an address must share with VPN2 and R to hit this entry.</summary>
    public readonly ulong CompareMask => (3UL << 62) | (((1UL << Tlb.SegmentBits) - 1) & ~((PageSize << 1) - 1));

    public readonly bool Matches(ulong address, byte asid) =>
        ((address ^ EntryHi) & CompareMask) == 0 && (Global || Asid == asid) && Written;

    /// <summary>The EntryLo for the page of the pair that holds <paramref name="address"/>.</summary>
    public readonly ulong EntryLoFor(ulong address) => (address & PageSize) == 0 ? EntryLo0 : EntryLo1;
}
