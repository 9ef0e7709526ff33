using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LoongsonDbt.Runtime.Cpu;

namespace LoongsonDbt.Runtime.Memory;

/// <summary>
/// Guest loads and stores as both execution tiers perform them: the software-TLB hit path inlined
/// (the compiled code calls these and RyuJIT inlines them, DBT-NOTES B.4), everything else in
/// <see cref="IGuestMemory"/>. Values are raw little-endian bits, zero-extended.
/// </summary>
public static unsafe class GuestMemory
{
    public const int PageShift = 12;
    public const ulong PageSize = 1UL << PageShift;
    public const ulong PageMask = ~(PageSize - 1);
    public const int TlbIndexBits = 12;
    public const int TlbEntries = 1 << TlbIndexBits;

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
    /// switch folds away); false for anything else, which <see cref="LoadMiss"/> handles (compiled code leaves for
    /// the interpreter instead), so the hit path carries no exception check.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryLoad(CpuState* state, ulong address, int size, out ulong value)
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
    public static bool TryStore(CpuState* state, ulong address, int size, ulong value)
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

    /// <summary>
    /// The host address of <paramref name="address"/> when the software TLB holds its page for a naturally aligned
    /// <paramref name="size"/>-byte access (a store's write tag when <paramref name="write"/>) and the
    /// <paramref name="span"/> bytes from it stay in that page; else 0. Compiled code checks a group of accesses
    /// through one base register with one call.
    /// </summary>
    /// <remarks>
    /// One compare covers both: it takes the tag of the range's last access (aligned as the first, the span being a
    /// multiple of the size) against the entry of the first. Were the last on the next page, that page number could
    /// not be in this entry, which only ever holds pages whose low bits index it (the trick QEMU's TCG uses for an
    /// access that may cross a page).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static nint HostRange(CpuState* state, ulong address, int size, int span, bool write)
    {
        SoftTlbEntry* entry = Entry(state, address);
        ulong tag = write ? entry->WriteTag : entry->ReadTag;
        return Tag(address + (ulong)(span - size), size) == tag ? (nint)(address + (ulong)entry->Addend) : 0;
    }

    /// <summary>A load the software TLB did not hit: translated (and the entry refilled), or its fault recorded.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong LoadMiss(CpuState* state, ulong address, int size) => Owner(state).LoadSlow(state, address, size);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StoreMiss(CpuState* state, ulong address, int size, ulong value) => Owner(state).StoreSlow(state, address, size, value);

    /// <summary>The memory behind a CPU's state; set when the CPU is attached to an address space.</summary>
    public static IGuestMemory Owner(CpuState* state) => (IGuestMemory)GCHandle.FromIntPtr(state->MemoryHandle).Target!;

    /// <summary>
    /// What a hit compares with an entry's tag: the page, and the low bits a naturally aligned
    /// <paramref name="size"/>-byte access leaves clear (a misaligned one then misses).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Tag(ulong address, int size) => address & (PageMask | (ulong)(size - 1));

    /// <summary>
    /// The entry for <paramref name="address"/>: the page number's low bits scaled by the 32-byte entry size in
    /// one shift and mask (as QEMU's TCG does), and unsigned, so the hit path has no sign extension.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SoftTlbEntry* Entry(CpuState* state, ulong address) =>
        (SoftTlbEntry*)((byte*)state->Tlb + ((address >> (PageShift - SoftTlbEntry.SizeShift)) & ((TlbEntries - 1) << SoftTlbEntry.SizeShift)));
}
