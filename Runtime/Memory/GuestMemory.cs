using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LoongsonDbt.Runtime.Cpu;

namespace LoongsonDbt.Runtime.Memory;

/// <summary>
/// Guest loads and stores as the interpreter performs them: the software-TLB hit path inlined (DBT-NOTES B.4),
/// everything else in <see cref="IGuestMemory"/>. Compiled code emits the same hit path in IL, from
/// <see cref="TagMask"/>, <see cref="TlbIndexShift"/> and <see cref="TlbIndexMask"/>. Values are raw
/// little-endian bits, zero-extended.
/// </summary>
public static unsafe class GuestMemory
{
    public const int PageShift = 12;
    public const ulong PageSize = 1UL << PageShift;
    public const ulong PageMask = ~(PageSize - 1);
    public const int TlbIndexBits = 12;
    public const int TlbEntries = 1 << TlbIndexBits;

    /// <summary>
    /// An entry's byte offset in the table is <c>(address &gt;&gt; TlbIndexShift) &amp; TlbIndexMask</c>: the page number's
    /// low bits scaled by the 32-byte entry size in one shift and mask (as QEMU's TCG does), and unsigned, so the hit
    /// path has no sign extension.
    /// </summary>
    public const int TlbIndexShift = PageShift - SoftTlbEntry.SizeShift;

    public const ulong TlbIndexMask = (TlbEntries - 1) << SoftTlbEntry.SizeShift;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Load8(CpuState* state, ulong address) => Load(state, address, 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Load16(CpuState* state, ulong address) => Load(state, address, 2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Load32(CpuState* state, ulong address) => Load(state, address, 4);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Load64(CpuState* state, ulong address) => Load(state, address, 8);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store8(CpuState* state, ulong address, ulong value) => Store(state, address, 1, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store16(CpuState* state, ulong address, ulong value) => Store(state, address, 2, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store32(CpuState* state, ulong address, ulong value) => Store(state, address, 4, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store64(CpuState* state, ulong address, ulong value) => Store(state, address, 8, value);

    /// <summary>The <paramref name="size"/>-byte value at <paramref name="address"/>; a fault is recorded in the state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Load(CpuState* state, ulong address, int size) =>
        TryLoad(state, address, size, out ulong value) ? value : LoadMiss(state, address, size);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(CpuState* state, ulong address, int size, ulong value)
    {
        if (!TryStore(state, address, size, value))
        {
            StoreMiss(state, address, size, value);
        }
    }

    /// <summary>
    /// The software-TLB hit path of a naturally aligned load (size a constant at the call site, so the
    /// switch folds away); false for anything else, which <see cref="LoadMiss"/> handles, so the hit path carries
    /// no exception check.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryLoad(CpuState* state, ulong address, int size, out ulong value)
    {
        SoftTlbEntry* entry = Entry(state, address);
        if (Tag(address, size) != entry->ReadTag)
        {
            value = 0;
            return false;
        }

        long addend = entry->Addend; // read once so it folds into the access's addressing mode
        value = size switch
        {
            1 => *(byte*)(address + (ulong)addend),
            2 => *(ushort*)(address + (ulong)addend),
            4 => *(uint*)(address + (ulong)addend),
            _ => *(ulong*)(address + (ulong)addend),
        };
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryStore(CpuState* state, ulong address, int size, ulong value)
    {
        SoftTlbEntry* entry = Entry(state, address);
        if (Tag(address, size) != entry->WriteTag)
        {
            return false;
        }

        long addend = entry->Addend;
        switch (size)
        {
            case 1: *(byte*)(address + (ulong)addend) = (byte)value; break;
            case 2: *(ushort*)(address + (ulong)addend) = (ushort)value; break;
            case 4: *(uint*)(address + (ulong)addend) = (uint)value; break;
            default: *(ulong*)(address + (ulong)addend) = value; break;
        }

        return true;
    }

    /// <summary>A load the software TLB did not hit: translated (and the entry refilled), or its fault recorded.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong LoadMiss(CpuState* state, ulong address, int size) => Owner(state).LoadSlow(state, address, size);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StoreMiss(CpuState* state, ulong address, int size, ulong value) => Owner(state).StoreSlow(state, address, size, value);

    /// <summary>The memory behind a CPU's state; set when the CPU is attached to an address space.</summary>
    public static IGuestMemory Owner(CpuState* state) => (IGuestMemory)GCHandle.FromIntPtr(state->MemoryHandle).Target!;

    /// <summary>
    /// What a hit compares with an entry's tag, masked from the address: the page, and the low bits a naturally
    /// aligned <paramref name="size"/>-byte access leaves clear (a misaligned one then misses).
    /// </summary>
    public static ulong TagMask(int size) => PageMask | (ulong)(size - 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Tag(ulong address, int size) => address & TagMask(size);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SoftTlbEntry* Entry(CpuState* state, ulong address) =>
        (SoftTlbEntry*)((byte*)state->Tlb + ((address >> TlbIndexShift) & TlbIndexMask));
}
