using System.Numerics;
using System.Runtime.CompilerServices;

namespace LoongsonDbt.Translator.Semantics;

/// <summary>
/// What each integer instruction computes, as pure functions of its operand values: the one place
/// that defines these semantics. The interpreter calls them through function pointers, the IL
/// compiler emits calls that RyuJIT inlines. Method names equal <see cref="Decoding.InstructionName"/>s;
/// the parameter names say which register or field feeds each argument (<see cref="OperationShape"/>).
/// </summary>
public static class IntegerOperations
{
    // Three registers
    [SignExtendedWord, MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Addu(ulong rs, ulong rt) => Sx32((uint)rs + (uint)rt);
    [SignExtendedWord, MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Subu(ulong rs, ulong rt) => Sx32((uint)rs - (uint)rt);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Daddu(ulong rs, ulong rt) => rs + rt;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Dsubu(ulong rs, ulong rt) => rs - rt;
    [SignExtendedWord(WordResult.FromWordOperands), MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong And(ulong rs, ulong rt) => rs & rt;
    [SignExtendedWord(WordResult.FromWordOperands), MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Or(ulong rs, ulong rt) => rs | rt;
    [SignExtendedWord(WordResult.FromWordOperands), MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Xor(ulong rs, ulong rt) => rs ^ rt;
    [SignExtendedWord(WordResult.FromWordOperands), MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Nor(ulong rs, ulong rt) => ~(rs | rt);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Slt(ulong rs, ulong rt) => (long)rs < (long)rt ? 1UL : 0UL;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Sltu(ulong rs, ulong rt) => rs < rt ? 1UL : 0UL;
    [SignExtendedWord(WordResult.FromWordOperands), MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Movz(ulong rs, ulong rt, ulong rd) => rt == 0 ? rs : rd;
    [SignExtendedWord(WordResult.FromWordOperands), MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Movn(ulong rs, ulong rt, ulong rd) => rt != 0 ? rs : rd;
    [SignExtendedWord, MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Mul(ulong rs, ulong rt) => Sx32((uint)((int)rs * (int)rt));

    // Shifts by a constant and by a register
    [SignExtendedWord, MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Sll(ulong rt, ulong sa) => Sx32((uint)rt << (int)sa);
    [SignExtendedWord, MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Srl(ulong rt, ulong sa) => Sx32((uint)rt >> (int)sa);
    [SignExtendedWord, MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Sra(ulong rt, ulong sa) => Sx32((uint)((int)rt >> (int)sa));
    [SignExtendedWord, MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Rotr(ulong rt, ulong sa) => Sx32(BitOperations.RotateRight((uint)rt, (int)sa));
    [SignExtendedWord, MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Sllv(ulong rs, ulong rt) => Sll(rt, rs & 31);
    [SignExtendedWord, MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Srlv(ulong rs, ulong rt) => Srl(rt, rs & 31);
    [SignExtendedWord, MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Srav(ulong rs, ulong rt) => Sra(rt, rs & 31);
    [SignExtendedWord, MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Rotrv(ulong rs, ulong rt) => Rotr(rt, rs & 31);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Dsll(ulong rt, ulong sa) => rt << (int)sa;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Dsrl(ulong rt, ulong sa) => rt >> (int)sa;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Dsra(ulong rt, ulong sa) => (ulong)((long)rt >> (int)sa);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Drotr(ulong rt, ulong sa) => BitOperations.RotateRight(rt, (int)sa);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Dsll32(ulong rt, ulong sa) => rt << (int)(sa + 32);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Dsrl32(ulong rt, ulong sa) => rt >> (int)(sa + 32);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Dsra32(ulong rt, ulong sa) => (ulong)((long)rt >> (int)(sa + 32));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Drotr32(ulong rt, ulong sa) => BitOperations.RotateRight(rt, (int)(sa + 32));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Dsllv(ulong rs, ulong rt) => rt << (int)(rs & 63);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Dsrlv(ulong rs, ulong rt) => rt >> (int)(rs & 63);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Dsrav(ulong rs, ulong rt) => (ulong)((long)rt >> (int)(rs & 63));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Drotrv(ulong rs, ulong rt) => BitOperations.RotateRight(rt, (int)(rs & 63));

    // Register and 16-bit immediate (the raw field, zero-extended)
    [SignExtendedWord, MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Addiu(ulong rs, ulong immediate) => Sx32((uint)rs + (uint)Sx16(immediate));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Daddiu(ulong rs, ulong immediate) => rs + Sx16(immediate);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Slti(ulong rs, ulong immediate) => (long)rs < (long)Sx16(immediate) ? 1UL : 0UL;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Sltiu(ulong rs, ulong immediate) => rs < Sx16(immediate) ? 1UL : 0UL;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Andi(ulong rs, ulong immediate) => rs & immediate;
    [SignExtendedWord(WordResult.FromWordOperands), MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Ori(ulong rs, ulong immediate) => rs | immediate;
    [SignExtendedWord(WordResult.FromWordOperands), MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Xori(ulong rs, ulong immediate) => rs ^ immediate;
    [SignExtendedWord, MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Lui(ulong immediate) => Sx32((uint)immediate << 16);

    // One register
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Clz(ulong rs) => (ulong)BitOperations.LeadingZeroCount((uint)rs);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Clo(ulong rs) => (ulong)BitOperations.LeadingZeroCount(~(uint)rs);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Dclz(ulong rs) => (ulong)BitOperations.LeadingZeroCount(rs);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Dclo(ulong rs) => (ulong)BitOperations.LeadingZeroCount(~rs);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Seb(ulong rt) => (ulong)(long)(sbyte)rt;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Seh(ulong rt) => (ulong)(long)(short)rt;
    [SignExtendedWord, MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Wsbh(ulong rt) => Sx32(((uint)rt & 0xFF00FF00u) >> 8 | ((uint)rt & 0x00FF00FFu) << 8);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Dsbh(ulong rt) => (rt & 0xFF00FF00FF00FF00UL) >> 8 | (rt & 0x00FF00FF00FF00FFUL) << 8;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Dshd(ulong rt) => BitOperations.RotateRight((rt & 0xFFFF0000FFFF0000UL) >> 16 | (rt & 0x0000FFFF0000FFFFUL) << 16, 32);

    // Bit fields: position and size come from the instruction word (lsb in sa, msb/msbd in rd)
    [SignExtendedWord, MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Ext(ulong rs, ulong rt, ulong word) => Sx32((uint)Field(rs, Lsb(word), Msb(word) + 1));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Dext(ulong rs, ulong rt, ulong word) => Field(rs, Lsb(word), Msb(word) + 1);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Dextm(ulong rs, ulong rt, ulong word) => Field(rs, Lsb(word), Msb(word) + 33);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Dextu(ulong rs, ulong rt, ulong word) => Field(rs, Lsb(word) + 32, Msb(word) + 1);
    [SignExtendedWord, MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Ins(ulong rs, ulong rt, ulong word) => Sx32((uint)Insert(rs, rt, Lsb(word), Msb(word)));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Dins(ulong rs, ulong rt, ulong word) => Insert(rs, rt, Lsb(word), Msb(word));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Dinsm(ulong rs, ulong rt, ulong word) => Insert(rs, rt, Lsb(word), Msb(word) + 32);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Dinsu(ulong rs, ulong rt, ulong word) => Insert(rs, rt, Lsb(word) + 32, Msb(word) + 32);

    // Loongson LEXT: multiply/divide into a GPR; divide by zero gives 0, MIN / -1 gives MIN (ISA.md 2.1)
    [SignExtendedWord, MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Gsmult(ulong rs, ulong rt) => Sx32((uint)rs * (uint)rt);
    [SignExtendedWord, MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Gsmultu(ulong rs, ulong rt) => Sx32((uint)rs * (uint)rt);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Gsdmult(ulong rs, ulong rt) => rs * rt;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Gsdmultu(ulong rs, ulong rt) => rs * rt;
    [SignExtendedWord] public static ulong Gsdiv(ulong rs, ulong rt) => (int)rt == 0 ? 0 : (int)rt == -1 ? Sx32((uint)-(int)rs) : Sx32((uint)((int)rs / (int)rt));
    public static ulong Gsddiv(ulong rs, ulong rt) => rt == 0 ? 0 : (long)rt == -1 ? (ulong)-(long)rs : (ulong)((long)rs / (long)rt);
    [SignExtendedWord] public static ulong Gsdivu(ulong rs, ulong rt) => (uint)rt == 0 ? 0 : Sx32((uint)rs / (uint)rt);
    public static ulong Gsddivu(ulong rs, ulong rt) => rt == 0 ? 0 : rs / rt;
    [SignExtendedWord] public static ulong Gsmod(ulong rs, ulong rt) => (int)rt is 0 or -1 ? 0 : Sx32((uint)((int)rs % (int)rt));
    public static ulong Gsdmod(ulong rs, ulong rt) => (long)rt is 0 or -1 ? 0 : (ulong)((long)rs % (long)rt);
    [SignExtendedWord] public static ulong Gsmodu(ulong rs, ulong rt) => (uint)rt == 0 ? 0 : Sx32((uint)rs % (uint)rt);
    public static ulong Gsdmodu(ulong rs, ulong rt) => rt == 0 ? 0 : rs % rt;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Sx32(uint value) => (ulong)(long)(int)value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static ulong Sx16(ulong immediate) => (ulong)(long)(short)immediate;

    private static int Lsb(ulong word) => (int)(word >> 6) & 0x1F;

    private static int Msb(ulong word) => (int)(word >> 11) & 0x1F;

    private static ulong Mask(int size) => size >= 64 ? ulong.MaxValue : (1UL << size) - 1;

    private static ulong Field(ulong value, int position, int size) => (value >> position) & Mask(size);

    private static ulong Insert(ulong rs, ulong rt, int lsb, int msb)
    {
        if (msb < lsb)
        {
            return rt; // UNPREDICTABLE; leave the destination as it was
        }

        ulong mask = Mask(msb - lsb + 1) << lsb;
        return (rt & ~mask) | ((rs << lsb) & mask);
    }
}
