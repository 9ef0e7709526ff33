using LoongsonDbt.Runtime.Memory;

namespace LoongsonDbt.Perf.Execution;

/// <summary>Hand-encoded MIPS64 words for the execution benchmarks (no assembler at benchmark time).</summary>
internal static class GuestCode
{
    public const ulong Address = 0x1_2000_0000;

    public static uint Addiu(int rt, int rs, short immediate) => 0x2400_0000u | (uint)rs << 21 | (uint)rt << 16 | (ushort)immediate;

    public static uint Addu(int rd, int rs, int rt) => (uint)rs << 21 | (uint)rt << 16 | (uint)rd << 11 | 0x21;

    public static uint Xor(int rd, int rs, int rt) => (uint)rs << 21 | (uint)rt << 16 | (uint)rd << 11 | 0x26;

    public static uint Sll(int rd, int rt, int sa) => (uint)rt << 16 | (uint)rd << 11 | (uint)sa << 6;

    /// <summary>bne rs, rt, to (from the branch at <paramref name="at"/>).</summary>
    public static uint Bne(int rs, int rt, ulong at, ulong to) => 0x1400_0000u | (uint)rs << 21 | (uint)rt << 16 | (ushort)(((long)to - (long)at - 4) >> 2);

    public static uint J(ulong to) => 0x0800_0000u | (uint)((to >> 2) & 0x03FF_FFFF);

    public const uint Nop = 0;

    public const uint Syscall = 0xC;

    /// <summary>Maps <paramref name="words"/> executable at <see cref="Address"/>.</summary>
    public static AddressSpace Load(uint[] words)
    {
        var memory = new AddressSpace();
        memory.Map(Address, (ulong)words.Length * 4 + GuestMemory.PageSize, PageProtection.All);
        memory.Poke(Address, System.Runtime.InteropServices.MemoryMarshal.AsBytes(words.AsSpan()));
        return memory;
    }
}
