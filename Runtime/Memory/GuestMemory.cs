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
    public static ulong Load8(CpuState* state, ulong address)
    {
        SoftTlbEntry* entry = Entry(state, address);
        return (address & PageMask) == entry->ReadTag ? *(byte*)(address + (ulong)entry->Addend) : Slow(state, address, 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Load16(CpuState* state, ulong address)
    {
        SoftTlbEntry* entry = Entry(state, address);
        return (address & (PageMask | 1)) == entry->ReadTag ? *(ushort*)(address + (ulong)entry->Addend) : Slow(state, address, 2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Load32(CpuState* state, ulong address)
    {
        SoftTlbEntry* entry = Entry(state, address);
        return (address & (PageMask | 3)) == entry->ReadTag ? *(uint*)(address + (ulong)entry->Addend) : Slow(state, address, 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Load64(CpuState* state, ulong address)
    {
        SoftTlbEntry* entry = Entry(state, address);
        return (address & (PageMask | 7)) == entry->ReadTag ? *(ulong*)(address + (ulong)entry->Addend) : Slow(state, address, 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store8(CpuState* state, ulong address, ulong value)
    {
        SoftTlbEntry* entry = Entry(state, address);
        if ((address & PageMask) == entry->WriteTag)
        {
            *(byte*)(address + (ulong)entry->Addend) = (byte)value;
        }
        else
        {
            Slow(state, address, 1, value);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store16(CpuState* state, ulong address, ulong value)
    {
        SoftTlbEntry* entry = Entry(state, address);
        if ((address & (PageMask | 1)) == entry->WriteTag)
        {
            *(ushort*)(address + (ulong)entry->Addend) = (ushort)value;
        }
        else
        {
            Slow(state, address, 2, value);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store32(CpuState* state, ulong address, ulong value)
    {
        SoftTlbEntry* entry = Entry(state, address);
        if ((address & (PageMask | 3)) == entry->WriteTag)
        {
            *(uint*)(address + (ulong)entry->Addend) = (uint)value;
        }
        else
        {
            Slow(state, address, 4, value);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store64(CpuState* state, ulong address, ulong value)
    {
        SoftTlbEntry* entry = Entry(state, address);
        if ((address & (PageMask | 7)) == entry->WriteTag)
        {
            *(ulong*)(address + (ulong)entry->Addend) = value;
        }
        else
        {
            Slow(state, address, 8, value);
        }
    }

    /// <summary>The memory behind a CPU's state; set when the CPU is attached to an address space.</summary>
    public static IGuestMemory Owner(CpuState* state) => (IGuestMemory)GCHandle.FromIntPtr(state->MemoryHandle).Target!;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SoftTlbEntry* Entry(CpuState* state, ulong address) =>
        state->Tlb + ((address >> PageShift) & (TlbEntries - 1)); // unsigned index: no sign extension in the hit path

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong Slow(CpuState* state, ulong address, int size) => Owner(state).LoadSlow(state, address, size);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Slow(CpuState* state, ulong address, int size, ulong value) => Owner(state).StoreSlow(state, address, size, value);
}
