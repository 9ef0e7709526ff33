using System.Numerics;
using System.Runtime.CompilerServices;
using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Runtime.Memory;

namespace LoongsonDbt.Translator.Semantics;

/// <summary>
/// What each FPU (COP1/COP1X) instruction computes, on <see cref="CpuState"/>: FPRs are 64 bits wide
/// (Status.FR = 1). Method names equal <see cref="Decoding.InstructionName"/>s; parameter names say what
/// feeds each argument (<c>word</c> the instruction, <c>rs</c>/<c>rt</c>/<c>rd</c> GPR values, <c>address</c>
/// the effective address). A <c>ulong</c> result goes to the GPR destination, a <c>bool</c> result is a
/// branch condition.
/// </summary>
/// <remarks>
/// The model is QEMU's Loongson-3A1000 (legacy NaN encoding, FCSR.NAN2008 = 0):
/// <list type="bullet">
/// <item>A quiet NaN has the top fraction bit clear, a signalling NaN has it set.</item>
/// <item>QEMU runs legacy MIPS in softfloat's default-NaN mode (target/mips/fpu_helper.h
/// <c>restore_snan_bit_mode</c>): every NaN an arithmetic operation or format conversion produces is the
/// default NaN 0x7FBFFFFF / 0x7FF7FFFFFFFFFFFF, whichever operand was a NaN; a signalling NaN operand
/// raises Invalid. (nmadd/nmsub negate after the add, so their NaN result has the sign bit set.)</item>
/// <item>Conversions to integer of NaN or out-of-range values raise Invalid only and give 0x7FFFFFFF /
/// 0x7FFFFFFFFFFFFFFF for either sign (QEMU FP_TO_INT32_OVERFLOW / FP_TO_INT64_OVERFLOW).</item>
/// <item>Each arithmetic operation sets FCSR.Cause to its exceptions (clearing the old cause); if one of them is
/// enabled, the instruction raises Floating-Point and leaves its destination and the flags unchanged, else the
/// flags accumulate them (QEMU <c>update_fcr31</c>). mov/abs/neg/movcc and the moves do not touch FCSR.</item>
/// <item>madd/msub/nmadd/nmsub are not fused: a rounded multiply, then a rounded add (QEMU).</item>
/// <item>Single results (and .w results) replace the low 32 bits of the FPR and keep the high 32 bits
/// (QEMU <c>gen_store_fpr32</c> with FR = 1).</item>
/// </list>
/// Rounding: .NET computes round-to-nearest-even; the other FCSR.RM modes are obtained by adjusting the nearest
/// result one ulp toward the exact value, whose side is known from an exact error term (TwoSum, FMA
/// residual on operands scaled away from the subnormal range, or a wider format). Approximations: tininess for
/// Underflow is detected after rounding on the final result (a result rounded up to the smallest normal does not
/// underflow here); an exact result that
/// overflows only under a directed mode right at the threshold is classified approximately; FCSR.FS
/// (flush to zero) and the Unimplemented-Operation cause (E) are not modelled, as in QEMU.
/// </remarks>
public static unsafe class FpuOperations
{
    public const uint Fir = 0x00770501;
    public const uint DefaultNaN32 = 0x7FBFFFFF;
    public const ulong DefaultNaN64 = 0x7FF7FFFFFFFFFFFF;
    public const uint Int32Overflow = 0x7FFFFFFF;
    public const ulong Int64Overflow = 0x7FFFFFFFFFFFFFFF;

    /// <summary>FCSR bits a ctc1 to FCSR may change (QEMU CP1_fcr31_rw_bitmask for Loongson-3A1000).</summary>
    public const uint FcsrWritableMask = 0xFF83FFFF;

    // Cause / flag / enable bit values (I U O Z V E), before shifting into FCSR.
    public const int Inexact = 1;
    public const int Underflow = 2;
    public const int Overflow = 4;
    public const int DivideByZero = 8;
    public const int Invalid = 16;
    public const int Unimplemented = 32;

    private enum Op
    {
        Add,
        Sub,
        Mul,
        Div,
    }

    // ---- Moves between GPRs and the FPU ----
    public static ulong Mfc1(CpuState* state, ulong word) => (ulong)(long)(int)(uint)state->Fpr[Fs(word)];
    public static ulong Dmfc1(CpuState* state, ulong word) => state->Fpr[Fs(word)];
    public static ulong Mfhc1(CpuState* state, ulong word) => (ulong)(long)(int)(uint)(state->Fpr[Fs(word)] >> 32);
    public static void Mtc1(CpuState* state, ulong word, ulong rt) => SetLow(state, Fs(word), (uint)rt);
    public static void Dmtc1(CpuState* state, ulong word, ulong rt) => state->Fpr[Fs(word)] = rt;
    public static void Mthc1(CpuState* state, ulong word, ulong rt) =>
        state->Fpr[Fs(word)] = (state->Fpr[Fs(word)] & 0xFFFFFFFF) | ((ulong)(uint)rt << 32);

    /// <summary>FIR (0), FCCR (25), FEXR (26), FENR (28), FCSR (31); others read 0 (1, 5: no UFR/FRE) or FCSR, as QEMU.</summary>
    public static ulong Cfc1(CpuState* state, ulong word)
    {
        uint fcsr = state->Fcsr;
        uint value = Fs(word) switch
        {
            0 => Fir,
            1 or 5 => 0,
            25 => ((fcsr >> 24) & 0xFE) | ((fcsr >> 23) & 1),
            26 => fcsr & 0x0003F07C,
            28 => (fcsr & 0x00000F83) | ((fcsr >> 22) & 4),
            _ => fcsr,
        };
        return (ulong)(long)(int)value;
    }

    /// <summary>
    /// Writes FCCR/FEXR/FENR/FCSR (QEMU helper_ctc1; FCCR/FEXR/FENR writes with reserved bits set are ignored).
    /// A cause bit whose enable is set (or E) then raises Floating-Point; the write stays done.
    /// </summary>
    public static void Ctc1(CpuState* state, ulong word, ulong rt)
    {
        uint value = (uint)rt;
        uint fcsr = state->Fcsr;
        switch (Fs(word))
        {
            case 25:
                if ((value & 0xFFFFFF00) != 0)
                {
                    return;
                }

                fcsr = (fcsr & 0x017FFFFF) | ((value & 0xFE) << 24) | ((value & 1) << 23);
                break;
            case 26:
                if ((value & 0x007C0000) != 0)
                {
                    return;
                }

                fcsr = (fcsr & 0xFFFC0F83) | (value & 0x0003F07C);
                break;
            case 28:
                if ((value & 0x007C0000) != 0)
                {
                    return;
                }

                fcsr = (fcsr & 0xFEFFF07C) | (value & 0x00000F83) | ((value & 4) << 22);
                break;
            case 31:
                fcsr = (value & FcsrWritableMask) | (fcsr & ~FcsrWritableMask);
                break;
            default:
                return;
        }

        state->Fcsr = fcsr;
        if (((((fcsr >> 7) & 0x1F) | Unimplemented) & ((fcsr >> 12) & 0x3F)) != 0)
        {
            state->Exception = GuestException.FloatingPoint;
        }
    }

    // ---- Branches on a condition code (bits 20:18) ----
    public static bool Bc1f(CpuState* state, ulong word) => !Condition(state, BranchCc(word));
    public static bool Bc1t(CpuState* state, ulong word) => Condition(state, BranchCc(word));
    public static bool Bc1fl(CpuState* state, ulong word) => !Condition(state, BranchCc(word));
    public static bool Bc1tl(CpuState* state, ulong word) => Condition(state, BranchCc(word));

    // ---- Format S ----
    public static void Add_S(CpuState* state, ulong word) => Binary32(state, word, Op.Add);
    public static void Sub_S(CpuState* state, ulong word) => Binary32(state, word, Op.Sub);
    public static void Mul_S(CpuState* state, ulong word) => Binary32(state, word, Op.Mul);
    public static void Div_S(CpuState* state, ulong word) => Binary32(state, word, Op.Div);

    public static void Sqrt_S(CpuState* state, ulong word)
    {
        int flags = 0;
        uint r = Sqrt32((uint)state->Fpr[Fs(word)], Rm(state), ref flags);
        if (Commit(state, flags))
        {
            SetLow(state, Fd(word), r);
        }
    }

    public static void Abs_S(CpuState* state, ulong word) => SetLow(state, Fd(word), (uint)state->Fpr[Fs(word)] & 0x7FFFFFFF);
    public static void Mov_S(CpuState* state, ulong word) => SetLow(state, Fd(word), (uint)state->Fpr[Fs(word)]);
    public static void Neg_S(CpuState* state, ulong word) => SetLow(state, Fd(word), (uint)state->Fpr[Fs(word)] ^ 0x80000000);
    public static void Round_L_S(CpuState* state, ulong word) => ToInteger(state, word, Single(state, Fs(word)), 0, true);
    public static void Trunc_L_S(CpuState* state, ulong word) => ToInteger(state, word, Single(state, Fs(word)), 1, true);
    public static void Ceil_L_S(CpuState* state, ulong word) => ToInteger(state, word, Single(state, Fs(word)), 2, true);
    public static void Floor_L_S(CpuState* state, ulong word) => ToInteger(state, word, Single(state, Fs(word)), 3, true);
    public static void Round_W_S(CpuState* state, ulong word) => ToInteger(state, word, Single(state, Fs(word)), 0, false);
    public static void Trunc_W_S(CpuState* state, ulong word) => ToInteger(state, word, Single(state, Fs(word)), 1, false);
    public static void Ceil_W_S(CpuState* state, ulong word) => ToInteger(state, word, Single(state, Fs(word)), 2, false);
    public static void Floor_W_S(CpuState* state, ulong word) => ToInteger(state, word, Single(state, Fs(word)), 3, false);

    /// <summary>recip.s: 1.0 / fs, rounded once (QEMU helper_float_recip_s).</summary>
    public static void Recip_S(CpuState* state, ulong word)
    {
        int flags = 0;
        uint r = Arith32(Op.Div, 0x3F800000, (uint)state->Fpr[Fs(word)], Rm(state), ref flags);
        if (Commit(state, flags))
        {
            SetLow(state, Fd(word), r);
        }
    }

    /// <summary>rsqrt.s: 1.0 / sqrt(fs), two roundings (QEMU helper_float_rsqrt_s).</summary>
    public static void Rsqrt_S(CpuState* state, ulong word)
    {
        int flags = 0;
        uint rm = Rm(state);
        uint r = Arith32(Op.Div, 0x3F800000, Sqrt32((uint)state->Fpr[Fs(word)], rm, ref flags), rm, ref flags);
        if (Commit(state, flags))
        {
            SetLow(state, Fd(word), r);
        }
    }

    public static void Movf_S(CpuState* state, ulong word)
    {
        if (!Condition(state, BranchCc(word)))
        {
            SetLow(state, Fd(word), (uint)state->Fpr[Fs(word)]);
        }
    }

    public static void Movt_S(CpuState* state, ulong word)
    {
        if (Condition(state, BranchCc(word)))
        {
            SetLow(state, Fd(word), (uint)state->Fpr[Fs(word)]);
        }
    }

    public static void Movz_S(CpuState* state, ulong word, ulong rt)
    {
        if (rt == 0)
        {
            SetLow(state, Fd(word), (uint)state->Fpr[Fs(word)]);
        }
    }

    public static void Movn_S(CpuState* state, ulong word, ulong rt)
    {
        if (rt != 0)
        {
            SetLow(state, Fd(word), (uint)state->Fpr[Fs(word)]);
        }
    }

    // ---- Format D ----
    public static void Add_D(CpuState* state, ulong word) => Binary64(state, word, Op.Add);
    public static void Sub_D(CpuState* state, ulong word) => Binary64(state, word, Op.Sub);
    public static void Mul_D(CpuState* state, ulong word) => Binary64(state, word, Op.Mul);
    public static void Div_D(CpuState* state, ulong word) => Binary64(state, word, Op.Div);

    public static void Sqrt_D(CpuState* state, ulong word)
    {
        int flags = 0;
        ulong r = Sqrt64(state->Fpr[Fs(word)], Rm(state), ref flags);
        if (Commit(state, flags))
        {
            state->Fpr[Fd(word)] = r;
        }
    }

    public static void Abs_D(CpuState* state, ulong word) => state->Fpr[Fd(word)] = state->Fpr[Fs(word)] & 0x7FFFFFFFFFFFFFFF;
    public static void Mov_D(CpuState* state, ulong word) => state->Fpr[Fd(word)] = state->Fpr[Fs(word)];
    public static void Neg_D(CpuState* state, ulong word) => state->Fpr[Fd(word)] = state->Fpr[Fs(word)] ^ 0x8000000000000000;
    public static void Round_L_D(CpuState* state, ulong word) => ToInteger(state, word, state->Fpr[Fs(word)], 0, true);
    public static void Trunc_L_D(CpuState* state, ulong word) => ToInteger(state, word, state->Fpr[Fs(word)], 1, true);
    public static void Ceil_L_D(CpuState* state, ulong word) => ToInteger(state, word, state->Fpr[Fs(word)], 2, true);
    public static void Floor_L_D(CpuState* state, ulong word) => ToInteger(state, word, state->Fpr[Fs(word)], 3, true);
    public static void Round_W_D(CpuState* state, ulong word) => ToInteger(state, word, state->Fpr[Fs(word)], 0, false);
    public static void Trunc_W_D(CpuState* state, ulong word) => ToInteger(state, word, state->Fpr[Fs(word)], 1, false);
    public static void Ceil_W_D(CpuState* state, ulong word) => ToInteger(state, word, state->Fpr[Fs(word)], 2, false);
    public static void Floor_W_D(CpuState* state, ulong word) => ToInteger(state, word, state->Fpr[Fs(word)], 3, false);

    public static void Recip_D(CpuState* state, ulong word)
    {
        int flags = 0;
        ulong r = Arith64(Op.Div, 0x3FF0000000000000, state->Fpr[Fs(word)], Rm(state), ref flags);
        if (Commit(state, flags))
        {
            state->Fpr[Fd(word)] = r;
        }
    }

    public static void Rsqrt_D(CpuState* state, ulong word)
    {
        int flags = 0;
        uint rm = Rm(state);
        ulong r = Arith64(Op.Div, 0x3FF0000000000000, Sqrt64(state->Fpr[Fs(word)], rm, ref flags), rm, ref flags);
        if (Commit(state, flags))
        {
            state->Fpr[Fd(word)] = r;
        }
    }

    public static void Movf_D(CpuState* state, ulong word)
    {
        if (!Condition(state, BranchCc(word)))
        {
            state->Fpr[Fd(word)] = state->Fpr[Fs(word)];
        }
    }

    public static void Movt_D(CpuState* state, ulong word)
    {
        if (Condition(state, BranchCc(word)))
        {
            state->Fpr[Fd(word)] = state->Fpr[Fs(word)];
        }
    }

    public static void Movz_D(CpuState* state, ulong word, ulong rt)
    {
        if (rt == 0)
        {
            state->Fpr[Fd(word)] = state->Fpr[Fs(word)];
        }
    }

    public static void Movn_D(CpuState* state, ulong word, ulong rt)
    {
        if (rt != 0)
        {
            state->Fpr[Fd(word)] = state->Fpr[Fs(word)];
        }
    }

    // ---- Conversions ----
    public static void Cvt_S_D(CpuState* state, ulong word)
    {
        int flags = 0;
        uint r = Narrow(state->Fpr[Fs(word)], Rm(state), ref flags);
        if (Commit(state, flags))
        {
            SetLow(state, Fd(word), r);
        }
    }

    public static void Cvt_S_W(CpuState* state, ulong word)
    {
        int flags = 0;
        int value = (int)(uint)state->Fpr[Fs(word)];
        float r = value;
        uint bits = BitConverter.SingleToUInt32Bits(Finish(r, ((long)value).CompareTo((long)r), Rm(state), ref flags));
        if (Commit(state, flags))
        {
            SetLow(state, Fd(word), bits);
        }
    }

    public static void Cvt_S_L(CpuState* state, ulong word)
    {
        int flags = 0;
        long value = (long)state->Fpr[Fs(word)];
        float r = value;
        uint bits = BitConverter.SingleToUInt32Bits(Finish(r, ((Int128)value).CompareTo((Int128)r), Rm(state), ref flags));
        if (Commit(state, flags))
        {
            SetLow(state, Fd(word), bits);
        }
    }

    public static void Cvt_D_S(CpuState* state, ulong word)
    {
        int flags = 0;
        uint a = (uint)state->Fpr[Fs(word)];
        ulong r;
        if (IsNaN32(a))
        {
            flags |= IsSignalling32(a) ? Invalid : 0;
            r = DefaultNaN64;
        }
        else
        {
            r = BitConverter.DoubleToUInt64Bits(BitConverter.UInt32BitsToSingle(a));
        }

        if (Commit(state, flags))
        {
            state->Fpr[Fd(word)] = r;
        }
    }

    public static void Cvt_D_W(CpuState* state, ulong word)
    {
        Commit(state, 0);
        state->Fpr[Fd(word)] = BitConverter.DoubleToUInt64Bits((int)(uint)state->Fpr[Fs(word)]);
    }

    public static void Cvt_D_L(CpuState* state, ulong word)
    {
        int flags = 0;
        long value = (long)state->Fpr[Fs(word)];
        double r = value;
        ulong bits = BitConverter.DoubleToUInt64Bits(Finish(r, ((Int128)value).CompareTo((Int128)r), Rm(state), ref flags));
        if (Commit(state, flags))
        {
            state->Fpr[Fd(word)] = bits;
        }
    }

    public static void Cvt_W_S(CpuState* state, ulong word) => ToInteger(state, word, Single(state, Fs(word)), (int)Rm(state), false);
    public static void Cvt_W_D(CpuState* state, ulong word) => ToInteger(state, word, state->Fpr[Fs(word)], (int)Rm(state), false);
    public static void Cvt_L_S(CpuState* state, ulong word) => ToInteger(state, word, Single(state, Fs(word)), (int)Rm(state), true);
    public static void Cvt_L_D(CpuState* state, ulong word) => ToInteger(state, word, state->Fpr[Fs(word)], (int)Rm(state), true);

    /// <summary>cvt.s.pu: the upper single, moved without conversion (QEMU clears the cause).</summary>
    public static void Cvt_S_Pu(CpuState* state, ulong word)
    {
        Commit(state, 0);
        SetLow(state, Fd(word), (uint)(state->Fpr[Fs(word)] >> 32));
    }

    public static void Cvt_S_Pl(CpuState* state, ulong word)
    {
        Commit(state, 0);
        SetLow(state, Fd(word), (uint)state->Fpr[Fs(word)]);
    }

    /// <summary>cvt.ps.s fd, fs, ft: upper = fs, lower = ft.</summary>
    public static void Cvt_Ps_S(CpuState* state, ulong word) =>
        state->Fpr[Fd(word)] = ((ulong)(uint)state->Fpr[Fs(word)] << 32) | (uint)state->Fpr[Ft(word)];

    // ---- Format PS: two singles, lower half and upper half; exceptions of both halves go to one FCSR update ----
    public static void Add_Ps(CpuState* state, ulong word) => BinaryPs(state, word, Op.Add);
    public static void Sub_Ps(CpuState* state, ulong word) => BinaryPs(state, word, Op.Sub);
    public static void Mul_Ps(CpuState* state, ulong word) => BinaryPs(state, word, Op.Mul);
    public static void Abs_Ps(CpuState* state, ulong word) => state->Fpr[Fd(word)] = state->Fpr[Fs(word)] & 0x7FFFFFFF7FFFFFFF;
    public static void Mov_Ps(CpuState* state, ulong word) => state->Fpr[Fd(word)] = state->Fpr[Fs(word)];
    public static void Neg_Ps(CpuState* state, ulong word) => state->Fpr[Fd(word)] = state->Fpr[Fs(word)] ^ 0x8000000080000000;

    /// <summary>movf.ps: the lower half moves when cc is false, the upper half when cc + 1 is false.</summary>
    public static void Movf_Ps(CpuState* state, ulong word) => MoveConditionalPs(state, word, false);
    public static void Movt_Ps(CpuState* state, ulong word) => MoveConditionalPs(state, word, true);

    public static void Movz_Ps(CpuState* state, ulong word, ulong rt)
    {
        if (rt == 0)
        {
            state->Fpr[Fd(word)] = state->Fpr[Fs(word)];
        }
    }

    public static void Movn_Ps(CpuState* state, ulong word, ulong rt)
    {
        if (rt != 0)
        {
            state->Fpr[Fd(word)] = state->Fpr[Fs(word)];
        }
    }

    public static void Pll_Ps(CpuState* state, ulong word) => state->Fpr[Fd(word)] = (state->Fpr[Fs(word)] << 32) | (uint)state->Fpr[Ft(word)];
    public static void Plu_Ps(CpuState* state, ulong word) => state->Fpr[Fd(word)] = (state->Fpr[Fs(word)] << 32) | (state->Fpr[Ft(word)] >> 32);
    public static void Pul_Ps(CpuState* state, ulong word) => state->Fpr[Fd(word)] = (state->Fpr[Fs(word)] & 0xFFFFFFFF00000000) | (uint)state->Fpr[Ft(word)];
    public static void Puu_Ps(CpuState* state, ulong word) => state->Fpr[Fd(word)] = (state->Fpr[Fs(word)] & 0xFFFFFFFF00000000) | (state->Fpr[Ft(word)] >> 32);

    // ---- Compares (condition bits: 1 unordered, 2 equal, 4 less, 8 signal Invalid on a quiet NaN) ----
    public static void C_F_S(CpuState* state, ulong word) => Compare32(state, word, 0);
    public static void C_Un_S(CpuState* state, ulong word) => Compare32(state, word, 1);
    public static void C_Eq_S(CpuState* state, ulong word) => Compare32(state, word, 2);
    public static void C_Ueq_S(CpuState* state, ulong word) => Compare32(state, word, 3);
    public static void C_Olt_S(CpuState* state, ulong word) => Compare32(state, word, 4);
    public static void C_Ult_S(CpuState* state, ulong word) => Compare32(state, word, 5);
    public static void C_Ole_S(CpuState* state, ulong word) => Compare32(state, word, 6);
    public static void C_Ule_S(CpuState* state, ulong word) => Compare32(state, word, 7);
    public static void C_Sf_S(CpuState* state, ulong word) => Compare32(state, word, 8);
    public static void C_Ngle_S(CpuState* state, ulong word) => Compare32(state, word, 9);
    public static void C_Seq_S(CpuState* state, ulong word) => Compare32(state, word, 10);
    public static void C_Ngl_S(CpuState* state, ulong word) => Compare32(state, word, 11);
    public static void C_Lt_S(CpuState* state, ulong word) => Compare32(state, word, 12);
    public static void C_Nge_S(CpuState* state, ulong word) => Compare32(state, word, 13);
    public static void C_Le_S(CpuState* state, ulong word) => Compare32(state, word, 14);
    public static void C_Ngt_S(CpuState* state, ulong word) => Compare32(state, word, 15);
    public static void C_F_D(CpuState* state, ulong word) => Compare64(state, word, 0);
    public static void C_Un_D(CpuState* state, ulong word) => Compare64(state, word, 1);
    public static void C_Eq_D(CpuState* state, ulong word) => Compare64(state, word, 2);
    public static void C_Ueq_D(CpuState* state, ulong word) => Compare64(state, word, 3);
    public static void C_Olt_D(CpuState* state, ulong word) => Compare64(state, word, 4);
    public static void C_Ult_D(CpuState* state, ulong word) => Compare64(state, word, 5);
    public static void C_Ole_D(CpuState* state, ulong word) => Compare64(state, word, 6);
    public static void C_Ule_D(CpuState* state, ulong word) => Compare64(state, word, 7);
    public static void C_Sf_D(CpuState* state, ulong word) => Compare64(state, word, 8);
    public static void C_Ngle_D(CpuState* state, ulong word) => Compare64(state, word, 9);
    public static void C_Seq_D(CpuState* state, ulong word) => Compare64(state, word, 10);
    public static void C_Ngl_D(CpuState* state, ulong word) => Compare64(state, word, 11);
    public static void C_Lt_D(CpuState* state, ulong word) => Compare64(state, word, 12);
    public static void C_Nge_D(CpuState* state, ulong word) => Compare64(state, word, 13);
    public static void C_Le_D(CpuState* state, ulong word) => Compare64(state, word, 14);
    public static void C_Ngt_D(CpuState* state, ulong word) => Compare64(state, word, 15);
    public static void C_F_Ps(CpuState* state, ulong word) => ComparePs(state, word, 0);
    public static void C_Un_Ps(CpuState* state, ulong word) => ComparePs(state, word, 1);
    public static void C_Eq_Ps(CpuState* state, ulong word) => ComparePs(state, word, 2);
    public static void C_Ueq_Ps(CpuState* state, ulong word) => ComparePs(state, word, 3);
    public static void C_Olt_Ps(CpuState* state, ulong word) => ComparePs(state, word, 4);
    public static void C_Ult_Ps(CpuState* state, ulong word) => ComparePs(state, word, 5);
    public static void C_Ole_Ps(CpuState* state, ulong word) => ComparePs(state, word, 6);
    public static void C_Ule_Ps(CpuState* state, ulong word) => ComparePs(state, word, 7);
    public static void C_Sf_Ps(CpuState* state, ulong word) => ComparePs(state, word, 8);
    public static void C_Ngle_Ps(CpuState* state, ulong word) => ComparePs(state, word, 9);
    public static void C_Seq_Ps(CpuState* state, ulong word) => ComparePs(state, word, 10);
    public static void C_Ngl_Ps(CpuState* state, ulong word) => ComparePs(state, word, 11);
    public static void C_Lt_Ps(CpuState* state, ulong word) => ComparePs(state, word, 12);
    public static void C_Nge_Ps(CpuState* state, ulong word) => ComparePs(state, word, 13);
    public static void C_Le_Ps(CpuState* state, ulong word) => ComparePs(state, word, 14);
    public static void C_Ngt_Ps(CpuState* state, ulong word) => ComparePs(state, word, 15);

    // ---- GPR conditional moves: rd = rs when the condition code is false (movf) / true (movt) ----
    public static ulong Movf(CpuState* state, ulong word, ulong rs, ulong rd) => Condition(state, BranchCc(word)) ? rd : rs;
    public static ulong Movt(CpuState* state, ulong word, ulong rs, ulong rd) => Condition(state, BranchCc(word)) ? rs : rd;

    // ---- Loads and stores ----
    public static void Lwc1(CpuState* state, ulong word, ulong address) => Load32(state, Ft(word), address);
    public static void Ldc1(CpuState* state, ulong word, ulong address) => Load64(state, Ft(word), address);
    public static void Swc1(CpuState* state, ulong word, ulong address) => GuestMemory.Store32(state, address, (uint)state->Fpr[Ft(word)]);
    public static void Sdc1(CpuState* state, ulong word, ulong address) => GuestMemory.Store64(state, address, state->Fpr[Ft(word)]);

    // ---- COP1X: rs is the base, rt the index ----
    public static void Lwxc1(CpuState* state, ulong word, ulong rs, ulong rt) => Load32(state, Fd(word), rs + rt);
    public static void Ldxc1(CpuState* state, ulong word, ulong rs, ulong rt) => Load64(state, Fd(word), rs + rt);

    /// <summary>luxc1: the doubleword at (base + index) with the low three bits cleared.</summary>
    public static void Luxc1(CpuState* state, ulong word, ulong rs, ulong rt) => Load64(state, Fd(word), (rs + rt) & ~7UL);
    public static void Swxc1(CpuState* state, ulong word, ulong rs, ulong rt) => GuestMemory.Store32(state, rs + rt, (uint)state->Fpr[Fs(word)]);
    public static void Sdxc1(CpuState* state, ulong word, ulong rs, ulong rt) => GuestMemory.Store64(state, rs + rt, state->Fpr[Fs(word)]);
    public static void Suxc1(CpuState* state, ulong word, ulong rs, ulong rt) => GuestMemory.Store64(state, (rs + rt) & ~7UL, state->Fpr[Fs(word)]);

    /// <summary>prefx: a hint; no architectural effect (and no exception, like pref).</summary>
    public static void Prefx(ulong rs, ulong rt)
    {
    }

    /// <summary>
    /// alnv.ps fd, fs, ft, rs (little-endian): rs &amp; 7 = 0 copies fs; 4 gives upper = ft.lower, lower = fs.upper;
    /// other values are UNPREDICTABLE and leave fd unchanged (QEMU).
    /// </summary>
    public static void Alnv_Ps(CpuState* state, ulong word, ulong rs)
    {
        switch (rs & 7)
        {
            case 0:
                state->Fpr[Fd(word)] = state->Fpr[Fs(word)];
                break;
            case 4:
                state->Fpr[Fd(word)] = (state->Fpr[Ft(word)] << 32) | (state->Fpr[Fs(word)] >> 32);
                break;
        }
    }

    // madd fd, fr, fs, ft: fd = fs * ft + fr; msub: fs * ft - fr; nmadd: -(fs * ft + fr); nmsub: -(fs * ft - fr).
    public static void Madd_S(CpuState* state, ulong word) => MultiplyAdd32(state, word, Op.Add, false);
    public static void Msub_S(CpuState* state, ulong word) => MultiplyAdd32(state, word, Op.Sub, false);
    public static void Nmadd_S(CpuState* state, ulong word) => MultiplyAdd32(state, word, Op.Add, true);
    public static void Nmsub_S(CpuState* state, ulong word) => MultiplyAdd32(state, word, Op.Sub, true);
    public static void Madd_D(CpuState* state, ulong word) => MultiplyAdd64(state, word, Op.Add, false);
    public static void Msub_D(CpuState* state, ulong word) => MultiplyAdd64(state, word, Op.Sub, false);
    public static void Nmadd_D(CpuState* state, ulong word) => MultiplyAdd64(state, word, Op.Add, true);
    public static void Nmsub_D(CpuState* state, ulong word) => MultiplyAdd64(state, word, Op.Sub, true);
    public static void Madd_Ps(CpuState* state, ulong word) => MultiplyAddPs(state, word, Op.Add, false);
    public static void Msub_Ps(CpuState* state, ulong word) => MultiplyAddPs(state, word, Op.Sub, false);
    public static void Nmadd_Ps(CpuState* state, ulong word) => MultiplyAddPs(state, word, Op.Add, true);
    public static void Nmsub_Ps(CpuState* state, ulong word) => MultiplyAddPs(state, word, Op.Sub, true);

    // ======== Helpers ========
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static int Fs(ulong word) => (int)(word >> 11) & 31;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static int Ft(ulong word) => (int)(word >> 16) & 31;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static int Fd(ulong word) => (int)(word >> 6) & 31;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static int Fr(ulong word) => (int)(word >> 21) & 31;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static int BranchCc(ulong word) => (int)(word >> 18) & 7;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static int CompareCc(ulong word) => (int)(word >> 8) & 7;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static uint Rm(CpuState* state) => state->Fcsr & 3;

    /// <summary>FCSR bit of condition code <paramref name="cc"/>: 23 for cc 0, 24 + cc for 1..7.</summary>
    public static uint ConditionBit(int cc) => cc == 0 ? 1u << 23 : 1u << (24 + cc);

    private static bool Condition(CpuState* state, int cc) => (state->Fcsr & ConditionBit(cc)) != 0;

    private static void SetCondition(CpuState* state, int cc, bool value)
    {
        if (cc > 7)
        {
            return;
        }

        state->Fcsr = value ? state->Fcsr | ConditionBit(cc) : state->Fcsr & ~ConditionBit(cc);
    }

    private static void SetLow(CpuState* state, int register, uint value) =>
        state->Fpr[register] = (state->Fpr[register] & 0xFFFFFFFF00000000) | value;

    /// <summary>The single in the low half of an FPR widened to double bits (exact), NaN kinds kept for ToInteger.</summary>
    private static ulong Single(CpuState* state, int register)
    {
        uint bits = (uint)state->Fpr[register];
        return IsNaN32(bits) ? DefaultNaN64 : BitConverter.DoubleToUInt64Bits(BitConverter.UInt32BitsToSingle(bits));
    }

    private static void Load32(CpuState* state, int register, ulong address)
    {
        ulong value = GuestMemory.Load32(state, address);
        if (state->Exception == GuestException.None)
        {
            SetLow(state, register, (uint)value);
        }
    }

    private static void Load64(CpuState* state, int register, ulong address)
    {
        ulong value = GuestMemory.Load64(state, address);
        if (state->Exception == GuestException.None)
        {
            state->Fpr[register] = value;
        }
    }

    /// <summary>
    /// QEMU update_fcr31: Cause := flags; an enabled one raises Floating-Point (flags unchanged, returns false),
    /// else the flags accumulate (returns true: write the destination).
    /// </summary>
    private static bool Commit(CpuState* state, int flags)
    {
        uint fcsr = (state->Fcsr & ~(0x3Fu << 12)) | ((uint)flags << 12);
        if ((flags & (int)((fcsr >> 7) & 0x1F)) != 0)
        {
            state->Fcsr = fcsr;
            state->Exception = GuestException.FloatingPoint;
            return false;
        }

        state->Fcsr = fcsr | ((uint)(flags & 0x1F) << 2);
        return true;
    }

    private static bool IsNaN32(uint bits) => (bits & 0x7FFFFFFF) > 0x7F800000;
    private static bool IsSignalling32(uint bits) => IsNaN32(bits) && (bits & 0x00400000) != 0;
    private static bool IsNaN64(ulong bits) => (bits & 0x7FFFFFFFFFFFFFFF) > 0x7FF0000000000000;
    private static bool IsSignalling64(ulong bits) => IsNaN64(bits) && (bits & 0x0008000000000000) != 0;

    private static void Binary32(CpuState* state, ulong word, Op op)
    {
        int flags = 0;
        uint r = Arith32(op, (uint)state->Fpr[Fs(word)], (uint)state->Fpr[Ft(word)], Rm(state), ref flags);
        if (Commit(state, flags))
        {
            SetLow(state, Fd(word), r);
        }
    }

    private static void Binary64(CpuState* state, ulong word, Op op)
    {
        int flags = 0;
        ulong r = Arith64(op, state->Fpr[Fs(word)], state->Fpr[Ft(word)], Rm(state), ref flags);
        if (Commit(state, flags))
        {
            state->Fpr[Fd(word)] = r;
        }
    }

    private static void BinaryPs(CpuState* state, ulong word, Op op)
    {
        int flags = 0;
        uint rm = Rm(state);
        ulong s = state->Fpr[Fs(word)], t = state->Fpr[Ft(word)];
        uint lower = Arith32(op, (uint)s, (uint)t, rm, ref flags);
        uint upper = Arith32(op, (uint)(s >> 32), (uint)(t >> 32), rm, ref flags);
        if (Commit(state, flags))
        {
            state->Fpr[Fd(word)] = ((ulong)upper << 32) | lower;
        }
    }

    private static void MultiplyAdd32(CpuState* state, ulong word, Op op, bool negate)
    {
        int flags = 0;
        uint r = MultiplyAdd32((uint)state->Fpr[Fs(word)], (uint)state->Fpr[Ft(word)], (uint)state->Fpr[Fr(word)], op, negate, Rm(state), ref flags);
        if (Commit(state, flags))
        {
            SetLow(state, Fd(word), r);
        }
    }

    private static uint MultiplyAdd32(uint s, uint t, uint r, Op op, bool negate, uint rm, ref int flags)
    {
        uint result = Arith32(op, Arith32(Op.Mul, s, t, rm, ref flags), r, rm, ref flags);
        return negate ? result ^ 0x80000000 : result;
    }

    private static void MultiplyAdd64(CpuState* state, ulong word, Op op, bool negate)
    {
        int flags = 0;
        uint rm = Rm(state);
        ulong r = Arith64(op, Arith64(Op.Mul, state->Fpr[Fs(word)], state->Fpr[Ft(word)], rm, ref flags), state->Fpr[Fr(word)], rm, ref flags);
        if (Commit(state, flags))
        {
            state->Fpr[Fd(word)] = negate ? r ^ 0x8000000000000000 : r;
        }
    }

    private static void MultiplyAddPs(CpuState* state, ulong word, Op op, bool negate)
    {
        int flags = 0;
        uint rm = Rm(state);
        ulong s = state->Fpr[Fs(word)], t = state->Fpr[Ft(word)], r = state->Fpr[Fr(word)];
        uint lower = MultiplyAdd32((uint)s, (uint)t, (uint)r, op, negate, rm, ref flags);
        uint upper = MultiplyAdd32((uint)(s >> 32), (uint)(t >> 32), (uint)(r >> 32), op, negate, rm, ref flags);
        if (Commit(state, flags))
        {
            state->Fpr[Fd(word)] = ((ulong)upper << 32) | lower;
        }
    }

    private static void MoveConditionalPs(CpuState* state, ulong word, bool onTrue)
    {
        int cc = BranchCc(word);
        ulong source = state->Fpr[Fs(word)];
        ulong result = state->Fpr[Fd(word)];
        if (Condition(state, cc) == onTrue)
        {
            result = (result & 0xFFFFFFFF00000000) | (uint)source;
        }

        if (cc < 7 && Condition(state, cc + 1) == onTrue)
        {
            result = (result & 0xFFFFFFFF) | (source & 0xFFFFFFFF00000000);
        }

        state->Fpr[Fd(word)] = result;
    }

    /// <summary>The rounded result of a basic operation on two doubles, as bits; NaN rules as the class remarks say.</summary>
    private static ulong Arith64(Op op, ulong a, ulong b, uint rm, ref int flags)
    {
        if (IsNaN64(a) || IsNaN64(b))
        {
            flags |= IsSignalling64(a) || IsSignalling64(b) ? Invalid : 0;
            return DefaultNaN64;
        }

        double x = BitConverter.UInt64BitsToDouble(a), y = BitConverter.UInt64BitsToDouble(b);
        double r = op switch
        {
            Op.Add => x + y,
            Op.Sub => x - y,
            Op.Mul => x * y,
            _ => x / y,
        };
        if (double.IsNaN(r))
        {
            flags |= Invalid;
            return DefaultNaN64;
        }

        if (!double.IsFinite(x) || !double.IsFinite(y))
        {
            return BitConverter.DoubleToUInt64Bits(r); // infinite operands give exact results
        }

        if (op == Op.Div && y == 0)
        {
            flags |= DivideByZero;
            return BitConverter.DoubleToUInt64Bits(r);
        }

        if (double.IsInfinity(r))
        {
            return BitConverter.DoubleToUInt64Bits(RoundOverflow<double>(r < 0, rm, ref flags));
        }

        // The sign of (exact - r), from an exact error term. Near the subnormal range an FMA residual can be
        // too small to represent, so there the operands are scaled to [1, 2) first (exact) and r with them.
        bool tiny = Math.Abs(r) < TinyLimit || (op == Op.Div && Math.Abs(x) < TinyLimit);
        int error = op switch
        {
            Op.Add => Math.Sign(TwoSumError(x, y, r)),
            Op.Sub => Math.Sign(TwoSumError(x, -y, r)),
            _ when x == 0 || y == 0 => 0,
            Op.Mul when tiny => ScaledProductError(x, y, r),
            Op.Mul => Math.Sign(Math.FusedMultiplyAdd(x, y, -r)),
            _ when tiny => ScaledQuotientError(x, y, r),
            _ => -Math.Sign(Math.FusedMultiplyAdd(r, y, -x)) * Math.Sign(y),
        };
        return BitConverter.DoubleToUInt64Bits(Finish(r, error, rm, ref flags));
    }

    /// <summary>The rounded result of a basic operation on two singles, as bits; error terms computed in double.</summary>
    private static uint Arith32(Op op, uint a, uint b, uint rm, ref int flags)
    {
        if (IsNaN32(a) || IsNaN32(b))
        {
            flags |= IsSignalling32(a) || IsSignalling32(b) ? Invalid : 0;
            return DefaultNaN32;
        }

        float x = BitConverter.UInt32BitsToSingle(a), y = BitConverter.UInt32BitsToSingle(b);
        float r = op switch
        {
            Op.Add => x + y,
            Op.Sub => x - y,
            Op.Mul => x * y,
            _ => x / y,
        };
        if (float.IsNaN(r))
        {
            flags |= Invalid;
            return DefaultNaN32;
        }

        if (!float.IsFinite(x) || !float.IsFinite(y))
        {
            return BitConverter.SingleToUInt32Bits(r);
        }

        if (op == Op.Div && y == 0)
        {
            flags |= DivideByZero;
            return BitConverter.SingleToUInt32Bits(r);
        }

        if (float.IsInfinity(r))
        {
            return BitConverter.SingleToUInt32Bits(RoundOverflow<float>(r < 0, rm, ref flags));
        }

        double dx = x, dy = y, dr = r;
        int error;
        switch (op)
        {
            case Op.Add:
            case Op.Sub:
                double ey = op == Op.Add ? dy : -dy;
                double sum = dx + ey; // exact sum = sum + TwoSumError
                error = sum != dr ? Math.Sign(sum - dr) : Math.Sign(TwoSumError(dx, ey, sum));
                break;
            case Op.Mul:
                error = Math.Sign((dx * dy) - dr); // a 48-bit product: exact in double
                break;
            default:
                error = -Math.Sign((dr * dy) - dx) * Math.Sign(dy);
                break;
        }

        return BitConverter.SingleToUInt32Bits(Finish(r, error, rm, ref flags));
    }

    private static ulong Sqrt64(ulong a, uint rm, ref int flags)
    {
        if (IsNaN64(a))
        {
            flags |= IsSignalling64(a) ? Invalid : 0;
            return DefaultNaN64;
        }

        double x = BitConverter.UInt64BitsToDouble(a);
        if (x < 0)
        {
            flags |= Invalid;
            return DefaultNaN64;
        }

        double r = Math.Sqrt(x);
        if (x == 0 || double.IsInfinity(x))
        {
            return BitConverter.DoubleToUInt64Bits(r);
        }

        int error;
        if (x < TinyLimit)
        {
            int exponent = Math.ILogB(x) & ~1; // x = m * 2^exponent, m in [1, 4), exponent even
            double rScaled = Math.ScaleB(r, -exponent / 2);
            error = -Math.Sign(Math.FusedMultiplyAdd(rScaled, rScaled, -Math.ScaleB(x, -exponent)));
        }
        else
        {
            error = -Math.Sign(Math.FusedMultiplyAdd(r, r, -x));
        }

        return BitConverter.DoubleToUInt64Bits(Finish(r, error, rm, ref flags));
    }

    /// <summary>Below this magnitude double error terms are computed on scaled operands.</summary>
    private const double TinyLimit = 2.983336292480083e-154; // 2^-510: residuals have ~2^-1020 granularity or better

    /// <summary>sign(x * y - r) for finite non-zero x, y: with x = mx 2^ex, y = my 2^ey, compare mx my with r 2^-(ex+ey).</summary>
    private static int ScaledProductError(double x, double y, double r)
    {
        int ex = Math.ILogB(x), ey = Math.ILogB(y);
        return Math.Sign(Math.FusedMultiplyAdd(Math.ScaleB(x, -ex), Math.ScaleB(y, -ey), -Math.ScaleB(r, -(ex + ey))));
    }

    /// <summary>sign(x / y - r) for finite non-zero x, y, by the same scaling.</summary>
    private static int ScaledQuotientError(double x, double y, double r)
    {
        int ex = Math.ILogB(x), ey = Math.ILogB(y);
        double my = Math.ScaleB(y, -ey);
        return -Math.Sign(Math.FusedMultiplyAdd(Math.ScaleB(r, ey - ex), my, -Math.ScaleB(x, -ex))) * Math.Sign(my);
    }

    private static uint Sqrt32(uint a, uint rm, ref int flags)
    {
        if (IsNaN32(a))
        {
            flags |= IsSignalling32(a) ? Invalid : 0;
            return DefaultNaN32;
        }

        float x = BitConverter.UInt32BitsToSingle(a);
        if (x < 0)
        {
            flags |= Invalid;
            return DefaultNaN32;
        }

        float r = MathF.Sqrt(x);
        if (x == 0 || float.IsInfinity(x))
        {
            return BitConverter.SingleToUInt32Bits(r);
        }

        double dr = r;
        return BitConverter.SingleToUInt32Bits(Finish(r, -Math.Sign((dr * dr) - x), rm, ref flags));
    }

    /// <summary>cvt.s.d: the double rounded to single by FCSR.RM.</summary>
    private static uint Narrow(ulong a, uint rm, ref int flags)
    {
        if (IsNaN64(a))
        {
            flags |= IsSignalling64(a) ? Invalid : 0;
            return DefaultNaN32;
        }

        double x = BitConverter.UInt64BitsToDouble(a);
        float r = (float)x;
        if (float.IsInfinity(r) && double.IsFinite(x))
        {
            return BitConverter.SingleToUInt32Bits(RoundOverflow<float>(x < 0, rm, ref flags));
        }

        return BitConverter.SingleToUInt32Bits(Finish(r, double.IsFinite(x) ? Math.Sign(x - r) : 0, rm, ref flags));
    }

    /// <summary>The error of a rounded sum s = fl(a + b): a + b = s + error exactly (Knuth's TwoSum).</summary>
    private static double TwoSumError(double a, double b, double s)
    {
        double bVirtual = s - a;
        double aVirtual = s - bVirtual;
        return (a - aVirtual) + (b - bVirtual);
    }

    /// <summary>
    /// Turns the round-to-nearest result <paramref name="r"/> into the result under <paramref name="rm"/>, given the
    /// sign of (exact - r), and raises Inexact, Underflow (tiny after rounding and inexact) and Overflow.
    /// </summary>
    private static T Finish<T>(T r, int error, uint rm, ref int flags) where T : IFloatingPointIeee754<T>
    {
        if (error == 0)
        {
            return r;
        }

        flags |= Inexact;
        switch (rm)
        {
            case 1:
                if (error > 0 && r < T.Zero)
                {
                    r = T.BitIncrement(r);
                }
                else if (error < 0 && r > T.Zero)
                {
                    r = T.BitDecrement(r);
                }

                break;
            case 2:
                if (error > 0)
                {
                    r = T.BitIncrement(r);
                }

                break;
            case 3:
                if (error < 0)
                {
                    r = T.BitDecrement(r);
                }

                break;
        }

        if (T.IsInfinity(r))
        {
            flags |= Overflow;
        }
        else if (!T.IsNormal(r))
        {
            flags |= Underflow;
        }

        return r;
    }

    /// <summary>The result of an overflow under each rounding mode (IEEE 754 7.4), raising Overflow and Inexact.</summary>
    private static T RoundOverflow<T>(bool negative, uint rm, ref int flags) where T : IFloatingPointIeee754<T>, IMinMaxValue<T>
    {
        flags |= Overflow | Inexact;
        T magnitude = rm switch
        {
            0 => T.PositiveInfinity,
            1 => T.MaxValue,
            2 => negative ? T.MaxValue : T.PositiveInfinity,
            _ => negative ? T.PositiveInfinity : T.MaxValue,
        };
        return negative ? -magnitude : magnitude;
    }

    /// <summary>
    /// round/trunc/ceil/floor/cvt to .w (low half of fd) or .l (all of fd); mode 0 nearest-even, 1 toward zero,
    /// 2 up, 3 down. NaN or out of range: Invalid and the QEMU overflow value.
    /// </summary>
    private static void ToInteger(CpuState* state, ulong word, ulong a, int mode, bool isLong)
    {
        int flags = 0;
        ulong result;
        double x = BitConverter.UInt64BitsToDouble(a);
        if (double.IsNaN(x))
        {
            flags = Invalid;
            result = isLong ? Int64Overflow : Int32Overflow;
        }
        else
        {
            double r = mode switch
            {
                0 => Math.Round(x, MidpointRounding.ToEven),
                1 => Math.Truncate(x),
                2 => Math.Ceiling(x),
                _ => Math.Floor(x),
            };
            bool outOfRange = isLong
                ? r >= 9223372036854775808.0 || r < -9223372036854775808.0
                : r > int.MaxValue || r < int.MinValue;
            if (outOfRange)
            {
                flags = Invalid;
                result = isLong ? Int64Overflow : Int32Overflow;
            }
            else
            {
                flags = r != x ? Inexact : 0;
                result = isLong ? (ulong)(long)r : (uint)(int)r;
            }
        }

        if (Commit(state, flags))
        {
            if (isLong)
            {
                state->Fpr[Fd(word)] = result;
            }
            else
            {
                SetLow(state, Fd(word), (uint)result);
            }
        }
    }

    /// <summary>The outcome of one compare: the condition, and Invalid for a signalling NaN (or any NaN if cond bit 3).</summary>
    private static bool Compare(bool unordered, bool signalling, bool equal, bool less, int cond, ref int flags)
    {
        if (signalling || (unordered && (cond & 8) != 0))
        {
            flags |= Invalid;
        }

        return unordered ? (cond & 1) != 0 : (equal && (cond & 2) != 0) || (less && (cond & 4) != 0);
    }

    private static bool Compare32(uint a, uint b, int cond, ref int flags)
    {
        float x = BitConverter.UInt32BitsToSingle(a), y = BitConverter.UInt32BitsToSingle(b);
        return Compare(IsNaN32(a) || IsNaN32(b), IsSignalling32(a) || IsSignalling32(b), x == y, x < y, cond, ref flags);
    }

    private static void Compare32(CpuState* state, ulong word, int cond)
    {
        int flags = 0;
        bool c = Compare32((uint)state->Fpr[Fs(word)], (uint)state->Fpr[Ft(word)], cond, ref flags);
        if (Commit(state, flags))
        {
            SetCondition(state, CompareCc(word), c);
        }
    }

    private static void Compare64(CpuState* state, ulong word, int cond)
    {
        int flags = 0;
        ulong a = state->Fpr[Fs(word)], b = state->Fpr[Ft(word)];
        double x = BitConverter.UInt64BitsToDouble(a), y = BitConverter.UInt64BitsToDouble(b);
        bool c = Compare(IsNaN64(a) || IsNaN64(b), IsSignalling64(a) || IsSignalling64(b), x == y, x < y, cond, ref flags);
        if (Commit(state, flags))
        {
            SetCondition(state, CompareCc(word), c);
        }
    }

    /// <summary>c.cond.ps: the lower halves set cc, the upper halves cc + 1.</summary>
    private static void ComparePs(CpuState* state, ulong word, int cond)
    {
        int flags = 0;
        ulong a = state->Fpr[Fs(word)], b = state->Fpr[Ft(word)];
        bool lower = Compare32((uint)a, (uint)b, cond, ref flags);
        bool upper = Compare32((uint)(a >> 32), (uint)(b >> 32), cond, ref flags);
        if (Commit(state, flags))
        {
            int cc = CompareCc(word);
            SetCondition(state, cc, lower);
            SetCondition(state, cc + 1, upper);
        }
    }
}
