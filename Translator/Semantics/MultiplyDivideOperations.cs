using System.Runtime.CompilerServices;
using static LoongsonDbt.Translator.Semantics.IntegerOperations;

namespace LoongsonDbt.Translator.Semantics;

/// <summary>
/// Multiplies and divides through HI/LO. A divide by zero or MIN / -1 is UNPREDICTABLE in the manual;
/// like QEMU, these divide by one instead, so results match the reference.
/// </summary>
public static class MultiplyDivideOperations
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Mfhi(ulong hi) => hi;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Mflo(ulong lo) => lo;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static HiLo Mthi(ulong rs, ulong lo) => new(rs, lo);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static HiLo Mtlo(ulong rs, ulong hi) => new(hi, rs);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HiLo Mult(ulong rs, ulong rt) => Split32((ulong)((long)(int)rs * (int)rt));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HiLo Multu(ulong rs, ulong rt) => Split32((ulong)(uint)rs * (uint)rt);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HiLo Dmult(ulong rs, ulong rt)
    {
        long high = Math.BigMul((long)rs, (long)rt, out long low);
        return new HiLo((ulong)high, (ulong)low);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HiLo Dmultu(ulong rs, ulong rt)
    {
        ulong high = Math.BigMul(rs, rt, out ulong low);
        return new HiLo(high, low);
    }

    public static HiLo Div(ulong rs, ulong rt)
    {
        int dividend = (int)rs, divisor = (int)rt;
        if (divisor == 0 || (dividend == int.MinValue && divisor == -1))
        {
            divisor = 1;
        }

        return new HiLo(Sx32((uint)(dividend % divisor)), Sx32((uint)(dividend / divisor)));
    }

    public static HiLo Divu(ulong rs, ulong rt)
    {
        uint dividend = (uint)rs, divisor = (uint)rt == 0 ? 1 : (uint)rt;
        return new HiLo(Sx32(dividend % divisor), Sx32(dividend / divisor));
    }

    public static HiLo Ddiv(ulong rs, ulong rt)
    {
        long dividend = (long)rs, divisor = (long)rt;
        if (divisor == 0 || (dividend == long.MinValue && divisor == -1))
        {
            divisor = 1;
        }

        return new HiLo((ulong)(dividend % divisor), (ulong)(dividend / divisor));
    }

    public static HiLo Ddivu(ulong rs, ulong rt)
    {
        ulong divisor = rt == 0 ? 1 : rt;
        return new HiLo(rs % divisor, rs / divisor);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HiLo Madd(ulong rs, ulong rt, ulong hi, ulong lo) => Split32(Join32(hi, lo) + (ulong)((long)(int)rs * (int)rt));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HiLo Maddu(ulong rs, ulong rt, ulong hi, ulong lo) => Split32(Join32(hi, lo) + (ulong)(uint)rs * (uint)rt);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HiLo Msub(ulong rs, ulong rt, ulong hi, ulong lo) => Split32(Join32(hi, lo) - (ulong)((long)(int)rs * (int)rt));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HiLo Msubu(ulong rs, ulong rt, ulong hi, ulong lo) => Split32(Join32(hi, lo) - (ulong)(uint)rs * (uint)rt);

    /// <summary>A 64-bit product into HI (high word) and LO (low word), each sign-extended.</summary>
    private static HiLo Split32(ulong product) => new(Sx32((uint)(product >> 32)), Sx32((uint)product));

    private static ulong Join32(ulong hi, ulong lo) => (ulong)(uint)hi << 32 | (uint)lo;
}
