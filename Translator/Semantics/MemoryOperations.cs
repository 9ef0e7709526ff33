using System.Runtime.CompilerServices;
using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Runtime.Memory;
using static LoongsonDbt.Translator.Semantics.IntegerOperations;

namespace LoongsonDbt.Translator.Semantics;

/// <summary>
/// Loads and stores. The plain loads get the value the engine read at the effective address (base +
/// offset) and the plain stores give the value the engine stores there; the rest get the address and access memory through <see cref="GuestMemory"/>, which records
/// a fault in the state; the destination register is then left as it was (the functions return
/// <c>rt</c> unchanged where they read it).
/// </summary>
public static unsafe class MemoryOperations
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Lb(ulong loaded8) => (ulong)(long)(sbyte)loaded8;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Lbu(ulong loaded8) => loaded8;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Lh(ulong loaded16) => (ulong)(long)(short)loaded16;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Lhu(ulong loaded16) => loaded16;
    [SignExtendedWord, MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Lw(ulong loaded32) => Sx32((uint)loaded32);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Lwu(ulong loaded32) => loaded32;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Ld(ulong loaded64) => loaded64;
    [Stores(1)] public static ulong Sb(ulong rt) => rt;
    [Stores(2)] public static ulong Sh(ulong rt) => rt;
    [Stores(4)] public static ulong Sw(ulong rt) => rt;
    [Stores(8)] public static ulong Sd(ulong rt) => rt;

    // Unaligned parts, little-endian: LWL/LDL fill the high bytes of rt from memory up to the address,
    // LWR/LDR the low bytes from the address on; the stores are the mirror images.
    public static ulong Lwl(CpuState* state, ulong address, ulong rt)
    {
        ulong word = GuestMemory.Load32(state, address & ~3UL);
        int shift = (int)((address & 3) ^ 3) * 8;
        return Faulted(state) ? rt : Sx32((uint)((rt & ~(ulong.MaxValue << shift)) | (word << shift)));
    }

    public static ulong Lwr(CpuState* state, ulong address, ulong rt)
    {
        ulong word = GuestMemory.Load32(state, address & ~3UL);
        int shift = (int)(address & 3) * 8;
        return Faulted(state) ? rt : Sx32((uint)((rt & (0xFFFF_FFFEUL << (shift ^ 31))) | (word >> shift)));
    }

    public static ulong Ldl(CpuState* state, ulong address, ulong rt)
    {
        ulong doubleword = GuestMemory.Load64(state, address & ~7UL);
        int shift = (int)((address & 7) ^ 7) * 8;
        return Faulted(state) ? rt : (rt & ~(ulong.MaxValue << shift)) | (doubleword << shift);
    }

    public static ulong Ldr(CpuState* state, ulong address, ulong rt)
    {
        ulong doubleword = GuestMemory.Load64(state, address & ~7UL);
        int shift = (int)(address & 7) * 8;
        return Faulted(state) ? rt : (rt & (0xFFFF_FFFF_FFFF_FFFEUL << (shift ^ 63))) | (doubleword >> shift);
    }

    public static void Swl(CpuState* state, ulong address, ulong rt)
    {
        int bytes = (int)(address & 3) + 1;
        StoreBytes(state, address & ~3UL, (uint)rt >> ((4 - bytes) * 8), bytes);
    }

    public static void Swr(CpuState* state, ulong address, ulong rt) => StoreBytes(state, address, rt, 4 - (int)(address & 3));

    public static void Sdl(CpuState* state, ulong address, ulong rt)
    {
        int bytes = (int)(address & 7) + 1;
        StoreBytes(state, address & ~7UL, rt >> ((8 - bytes) * 8), bytes);
    }

    public static void Sdr(CpuState* state, ulong address, ulong rt) => StoreBytes(state, address, rt, 8 - (int)(address & 7));

    // LL/SC: one CPU, so the link holds until an SC or an exception return clears it.
    public static ulong Ll(CpuState* state, ulong address)
    {
        ulong value = Sx32((uint)GuestMemory.Load32(state, address));
        Link(state, address);
        return value;
    }

    public static ulong Lld(CpuState* state, ulong address)
    {
        ulong value = GuestMemory.Load64(state, address);
        Link(state, address);
        return value;
    }

    public static ulong Sc(CpuState* state, ulong address, ulong rt)
    {
        if (!ConsumeLink(state, address))
        {
            return 0;
        }

        GuestMemory.Store32(state, address, rt);
        return Faulted(state) ? rt : 1;
    }

    public static ulong Scd(CpuState* state, ulong address, ulong rt)
    {
        if (!ConsumeLink(state, address))
        {
            return 0;
        }

        GuestMemory.Store64(state, address, rt);
        return Faulted(state) ? rt : 1;
    }

    private static void Link(CpuState* state, ulong address)
    {
        if (!Faulted(state))
        {
            state->LLBit = 1;
            state->LLAddress = address;
        }
    }

    private static bool ConsumeLink(CpuState* state, ulong address)
    {
        bool linked = state->LLBit != 0 && state->LLAddress == address;
        state->LLBit = 0;
        return linked;
    }

    /// <summary>Stores the low <paramref name="count"/> bytes of <paramref name="value"/> at <paramref name="address"/>, lowest first.</summary>
    private static void StoreBytes(CpuState* state, ulong address, ulong value, int count)
    {
        for (int i = 0; i < count && !Faulted(state); i++)
        {
            GuestMemory.Store8(state, address + (ulong)i, value >> (i * 8));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Faulted(CpuState* state) => state->Exception != GuestException.None;
}
