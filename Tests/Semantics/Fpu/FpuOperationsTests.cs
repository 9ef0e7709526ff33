using System.Reflection;
using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.Translator.Decoding;
using LoongsonDbt.Translator.Semantics;
using F = LoongsonDbt.Translator.Semantics.FpuOperations;

namespace LoongsonDbt.Tests.Semantics.Fpu;

/// <summary>
/// FPU semantics against values known independently: .NET IEEE arithmetic where the semantics coincide
/// (round to nearest, non-NaN results), the legacy-MIPS default NaNs, QEMU's conversion overflow values,
/// the directed-rounding results of inputs whose exact value is known, and FCSR condition/cause/flag bits.
/// </summary>
[TestFixture]
public unsafe class FpuOperationsTests
{
    private const uint FmtS = 16, FmtD = 17, FmtW = 20, FmtL = 21, FmtPs = 22;
    private const uint I = 1, U = 2, O = 4, Z = 8, V = 16;

    private GuestCpu _cpu = null!;

    private CpuState* S => _cpu.State;

    [SetUp]
    public void SetUp() => _cpu = new GuestCpu();

    [TearDown]
    public void TearDown() => _cpu.Dispose();

    private static ulong Cop1(uint fmt, int ft, int fs, int fd, uint funct) =>
        (0x11u << 26) | (fmt << 21) | ((uint)ft << 16) | ((uint)fs << 11) | ((uint)fd << 6) | funct;

    private static ulong Cop1x(int fr, int ft, int fs, int fd, uint funct) =>
        (0x13u << 26) | ((uint)fr << 21) | ((uint)ft << 16) | ((uint)fs << 11) | ((uint)fd << 6) | funct;

    private static ulong Bits(double value) => BitConverter.DoubleToUInt64Bits(value);

    private static uint Bits(float value) => BitConverter.SingleToUInt32Bits(value);

    private static double Double(ulong bits) => BitConverter.UInt64BitsToDouble(bits);

    private uint Cause => (S->Fcsr >> 12) & 0x3F;

    private uint Flags => (S->Fcsr >> 2) & 0x1F;

    private void SetRounding(uint rm) => S->Fcsr = (S->Fcsr & ~3u) | rm;

    [Test]
    public void EveryFpuInstructionHasAMethodOfItsName()
    {
        var missing = OpCodeTable.All.Where(o => o.Set == InstructionSet.Fpu)
            .Select(o => o.Name.ToString())
            .Where(n => typeof(FpuOperations).GetMethod(n, BindingFlags.Public | BindingFlags.Static) is null)
            .ToList();
        Assert.That(missing, Is.Empty);
    }

    // ---- Arithmetic against .NET (round to nearest) ----
    [TestCase(1.5, 2.25)]
    [TestCase(1e308, 1e-308)]
    [TestCase(-7.0, 3.0)]
    [TestCase(0.1, 0.2)]
    [TestCase(3.0, -0.0)]
    [TestCase(double.PositiveInfinity, 2.0)]
    public void DoubleArithmeticMatchesIeee(double a, double b)
    {
        (uint Funct, Func<double, double, double> Op)[] ops = [(0, (x, y) => x + y), (1, (x, y) => x - y), (2, (x, y) => x * y), (3, (x, y) => x / y)];
        foreach (var (funct, op) in ops)
        {
            S->Fpr[2] = Bits(a);
            S->Fpr[4] = Bits(b);
            ulong word = Cop1(FmtD, 4, 2, 6, funct);
            switch (funct)
            {
                case 0: F.Add_D(S, word); break;
                case 1: F.Sub_D(S, word); break;
                case 2: F.Mul_D(S, word); break;
                default: F.Div_D(S, word); break;
            }

            Assert.That(S->Fpr[6], Is.EqualTo(Bits(op(a, b))), $"funct {funct}");
        }
    }

    [TestCase(1.5f, 2.25f)]
    [TestCase(0.1f, 0.2f)]
    [TestCase(3e38f, 1e-30f)]
    [TestCase(-1e-20f, 7.5f)]
    public void SingleArithmeticMatchesIeeeAndKeepsTheHighHalf(float a, float b)
    {
        S->Fpr[2] = Bits(a);
        S->Fpr[4] = Bits(b);
        S->Fpr[6] = 0xDEADBEEF_00000000;
        F.Mul_S(S, Cop1(FmtS, 4, 2, 6, 2));
        Assert.That(S->Fpr[6], Is.EqualTo(0xDEADBEEF_00000000 | Bits(a * b)));
        F.Div_S(S, Cop1(FmtS, 4, 2, 6, 3));
        Assert.That((uint)S->Fpr[6], Is.EqualTo(Bits(a / b)));
        F.Add_S(S, Cop1(FmtS, 4, 2, 6, 0));
        Assert.That((uint)S->Fpr[6], Is.EqualTo(Bits(a + b)));
        F.Sub_S(S, Cop1(FmtS, 4, 2, 6, 1));
        Assert.That((uint)S->Fpr[6], Is.EqualTo(Bits(a - b)));
        S->Fpr[4] = Bits(MathF.Abs(b));
        F.Sqrt_S(S, Cop1(FmtS, 0, 4, 6, 4));
        Assert.That((uint)S->Fpr[6], Is.EqualTo(Bits(MathF.Sqrt(MathF.Abs(b)))));
    }

    [Test]
    public void InexactAndExactResultsSetTheCause()
    {
        S->Fpr[2] = Bits(1.0);
        S->Fpr[4] = Bits(3.0);
        F.Div_D(S, Cop1(FmtD, 4, 2, 6, 3));
        Assert.Multiple(() =>
        {
            Assert.That(Cause, Is.EqualTo(I));
            Assert.That(Flags, Is.EqualTo(I));
        });
        S->Fpr[4] = Bits(4.0);
        F.Div_D(S, Cop1(FmtD, 4, 2, 6, 3));
        Assert.Multiple(() =>
        {
            Assert.That(Double(S->Fpr[6]), Is.EqualTo(0.25));
            Assert.That(Cause, Is.Zero, "cause is cleared by each operation");
            Assert.That(Flags, Is.EqualTo(I), "flags are sticky");
        });
        S->Fpr[2] = Bits(0.1f);
        S->Fpr[4] = Bits(0.2f);
        F.Add_S(S, Cop1(FmtS, 4, 2, 6, 0));
        Assert.That(Cause, Is.EqualTo(I), "0.1f + 0.2f is inexact");
        S->Fpr[2] = Bits(0.5f);
        S->Fpr[4] = Bits(0.25f);
        F.Add_S(S, Cop1(FmtS, 4, 2, 6, 0));
        Assert.That(Cause, Is.Zero);
        S->Fpr[2] = Bits(2.0);
        F.Sqrt_D(S, Cop1(FmtD, 0, 2, 6, 4));
        Assert.That(Cause, Is.EqualTo(I));
        S->Fpr[2] = Bits(6.25);
        F.Sqrt_D(S, Cop1(FmtD, 0, 2, 6, 4));
        Assert.That((Double(S->Fpr[6]), Cause), Is.EqualTo((2.5, 0u)));
        S->Fpr[2] = Bits(double.Epsilon); // sqrt(2^-1074) = 2^-537 exactly
        F.Sqrt_D(S, Cop1(FmtD, 0, 2, 6, 4));
        Assert.That((S->Fpr[6], Cause), Is.EqualTo((Bits(Math.ScaleB(1.0, -537)), 0u)));
        S->Fpr[2] = Bits(double.Epsilon * 2);
        F.Sqrt_D(S, Cop1(FmtD, 0, 2, 6, 4));
        Assert.That((S->Fpr[6], Cause), Is.EqualTo((Bits(Math.Sqrt(double.Epsilon * 2)), I)));
    }

    [Test]
    public void DivideByZeroSetsZAndTrapsWhenEnabled()
    {
        S->Fpr[2] = Bits(-5.0);
        S->Fpr[4] = Bits(0.0);
        F.Div_D(S, Cop1(FmtD, 4, 2, 6, 3));
        Assert.That((S->Fpr[6], Cause, Flags), Is.EqualTo((Bits(double.NegativeInfinity), Z, Z)));
        Assert.That(S->Exception, Is.EqualTo(GuestException.None));

        S->Fcsr = Z << 7; // enable Z
        S->Fpr[6] = 0x1234;
        F.Div_D(S, Cop1(FmtD, 4, 2, 6, 3));
        Assert.Multiple(() =>
        {
            Assert.That(S->Exception, Is.EqualTo(GuestException.FloatingPoint));
            Assert.That(S->Fpr[6], Is.EqualTo(0x1234UL), "destination unchanged");
            Assert.That(Cause, Is.EqualTo(Z));
            Assert.That(Flags, Is.Zero, "a trapping exception does not set the flag");
        });
    }

    [Test]
    public void InvalidOperationsGiveTheLegacyDefaultNaN()
    {
        S->Fpr[2] = Bits(0.0);
        F.Div_D(S, Cop1(FmtD, 2, 2, 6, 3));
        Assert.That((S->Fpr[6], Cause), Is.EqualTo((0x7FF7FFFFFFFFFFFFUL, V)));
        S->Fpr[2] = Bits(double.PositiveInfinity);
        F.Sub_D(S, Cop1(FmtD, 2, 2, 6, 1));
        Assert.That((S->Fpr[6], Cause), Is.EqualTo((0x7FF7FFFFFFFFFFFFUL, V)));
        S->Fpr[2] = Bits(-1.0f);
        F.Sqrt_S(S, Cop1(FmtS, 0, 2, 6, 4));
        Assert.That(((uint)S->Fpr[6], Cause), Is.EqualTo((0x7FBFFFFFu, V)));
        S->Fpr[2] = Bits(0.0f);
        S->Fpr[4] = Bits(float.PositiveInfinity);
        F.Mul_S(S, Cop1(FmtS, 4, 2, 6, 2));
        Assert.That(((uint)S->Fpr[6], Cause), Is.EqualTo((0x7FBFFFFFu, V)));
    }

    [Test]
    public void NaNOperandsGiveTheDefaultNaNAndOnlySignallingOnesAreInvalid()
    {
        const ulong QuietD = 0x7FF0000000000123; // legacy: top fraction bit clear = quiet
        const ulong SignallingD = 0x7FF8000000000000; // what x86 calls quiet is signalling here
        S->Fpr[2] = Bits(1.0);
        S->Fpr[4] = QuietD;
        F.Add_D(S, Cop1(FmtD, 4, 2, 6, 0));
        Assert.That((S->Fpr[6], Cause), Is.EqualTo((F.DefaultNaN64, 0u)));
        S->Fpr[4] = SignallingD;
        F.Mul_D(S, Cop1(FmtD, 4, 2, 6, 2));
        Assert.That((S->Fpr[6], Cause), Is.EqualTo((F.DefaultNaN64, V)));
        S->Fpr[2] = 0xFFC00000; // signalling single
        S->Fpr[4] = 0x7F800001; // quiet single
        F.Sub_S(S, Cop1(FmtS, 4, 2, 6, 1));
        Assert.That(((uint)S->Fpr[6], Cause), Is.EqualTo((F.DefaultNaN32, V)));
        S->Fpr[2] = 0x7F800001;
        F.Add_S(S, Cop1(FmtS, 4, 2, 6, 0));
        Assert.That(((uint)S->Fpr[6], Cause), Is.EqualTo((F.DefaultNaN32, 0u)));
    }

    [TestCase(0u, 0x7FF0000000000000UL, 0xFFF0000000000000UL)]
    [TestCase(1u, 0x7FEFFFFFFFFFFFFFUL, 0xFFEFFFFFFFFFFFFFUL)]
    [TestCase(2u, 0x7FF0000000000000UL, 0xFFEFFFFFFFFFFFFFUL)]
    [TestCase(3u, 0x7FEFFFFFFFFFFFFFUL, 0xFFF0000000000000UL)]
    public void OverflowFollowsTheRoundingMode(uint rm, ulong expected, ulong expectedNegative)
    {
        SetRounding(rm);
        S->Fpr[2] = Bits(double.MaxValue);
        S->Fpr[4] = Bits(2.0);
        F.Mul_D(S, Cop1(FmtD, 4, 2, 6, 2));
        Assert.That((S->Fpr[6], Cause), Is.EqualTo((expected, O | I)));
        S->Fpr[2] = Bits(-double.MaxValue);
        F.Mul_D(S, Cop1(FmtD, 4, 2, 6, 2));
        Assert.That((S->Fpr[6], Cause), Is.EqualTo((expectedNegative, O | I)));
    }

    [Test]
    public void UnderflowIsTinyAndInexact()
    {
        S->Fpr[2] = Bits(double.Epsilon);
        S->Fpr[4] = Bits(0.5);
        F.Mul_D(S, Cop1(FmtD, 4, 2, 6, 2));
        Assert.That((S->Fpr[6], Cause), Is.EqualTo((Bits(double.Epsilon * 0.5), U | I)));
        S->Fpr[4] = Bits(1.0);
        F.Mul_D(S, Cop1(FmtD, 4, 2, 6, 2));
        Assert.That(Cause, Is.Zero, "an exact tiny result does not underflow");

        // 2^-1074 * 0.75 rounds to 2^-1074 (nearest); up stays there, down and toward zero give 0.
        (uint Rm, double Expected)[] cases = [(0, double.Epsilon), (1, 0.0), (2, double.Epsilon), (3, 0.0)];
        foreach (var (rm, expected) in cases)
        {
            SetRounding(rm);
            S->Fpr[4] = Bits(0.75);
            F.Mul_D(S, Cop1(FmtD, 4, 2, 6, 2));
            Assert.That((S->Fpr[6], Cause), Is.EqualTo((Bits(expected), U | I)), $"rm {rm}");
            // The same value from a division: 2^-1074 * 3 / 4.
            S->Fpr[8] = Bits(double.Epsilon * 3);
            S->Fpr[10] = Bits(4.0);
            F.Div_D(S, Cop1(FmtD, 10, 8, 6, 3));
            Assert.That((S->Fpr[6], Cause), Is.EqualTo((Bits(expected), U | I)), $"rm {rm}, div");
        }

        SetRounding(0);
        S->Fpr[2] = Bits(MathF.ScaleB(1f, -149));
        S->Fpr[4] = Bits(0.5f);
        F.Mul_S(S, Cop1(FmtS, 4, 2, 6, 2));
        Assert.That(((uint)S->Fpr[6], Cause), Is.EqualTo((0u, U | I)));
    }

    [Test]
    public void DirectedRoundingOfDoubleAdditionAndDivision()
    {
        double tiny = Math.ScaleB(1.0, -60);
        (uint Rm, double A, double Expected)[] cases =
        [
            (0, 1.0, 1.0), (1, 1.0, 1.0), (2, 1.0, Math.BitIncrement(1.0)), (3, 1.0, 1.0),
            (0, -1.0, -1.0), (1, -1.0, -1.0), (2, -1.0, -1.0), (3, -1.0, Math.BitDecrement(-1.0)),
        ];
        foreach (var (rm, a, expected) in cases)
        {
            SetRounding(rm);
            S->Fpr[2] = Bits(a);
            S->Fpr[4] = Bits(a > 0 ? tiny : -tiny);
            F.Add_D(S, Cop1(FmtD, 4, 2, 6, 0));
            Assert.That(Double(S->Fpr[6]), Is.EqualTo(expected), $"rm {rm}, a {a}");
        }

        // 1/3 rounds down to 0x3FD5555555555555 under nearest (the next bit of 0.0101... is 0).
        (uint Rm, ulong Expected)[] third = [(0, 0x3FD5555555555555UL), (1, 0x3FD5555555555555UL), (2, 0x3FD5555555555556UL), (3, 0x3FD5555555555555UL)];
        foreach (var (rm, expected) in third)
        {
            SetRounding(rm);
            S->Fpr[2] = Bits(1.0);
            S->Fpr[4] = Bits(3.0);
            F.Div_D(S, Cop1(FmtD, 4, 2, 6, 3));
            Assert.That(S->Fpr[6], Is.EqualTo(expected), $"rm {rm}");
            S->Fpr[2] = Bits(-1.0);
            F.Div_D(S, Cop1(FmtD, 4, 2, 6, 3));
            Assert.That(S->Fpr[6], Is.EqualTo((rm == 3 ? 0xBFD5555555555556UL : 0xBFD5555555555555UL)), $"rm {rm}, negative");
        }
    }

    [Test]
    public void DirectedRoundingOfSingleMultiplication()
    {
        // (1 + 2^-23) squared = 1 + 2^-22 + 2^-46: nearest and toward zero drop 2^-46, up adds an ulp.
        float a = 1f + MathF.ScaleB(1f, -23);
        float nearest = 1f + MathF.ScaleB(1f, -22);
        (uint Rm, float Expected)[] cases = [(0, nearest), (1, nearest), (2, MathF.BitIncrement(nearest)), (3, nearest)];
        foreach (var (rm, expected) in cases)
        {
            SetRounding(rm);
            S->Fpr[2] = Bits(a);
            F.Mul_S(S, Cop1(FmtS, 2, 2, 6, 2));
            Assert.That(((uint)S->Fpr[6], Cause), Is.EqualTo((Bits(expected), I)), $"rm {rm}");
        }
    }

    // ---- Conversions ----
    [TestCase(2.5, 2, 2, 3, 2)]
    [TestCase(-2.5, -2, -2, -2, -3)]
    [TestCase(3.5, 4, 3, 4, 3)]
    [TestCase(2.3, 2, 2, 3, 2)]
    [TestCase(-2.7, -3, -2, -2, -3)]
    [TestCase(7.0, 7, 7, 7, 7)]
    public void CvtWDUsesTheRoundingMode(double value, int nearest, int towardZero, int up, int down)
    {
        int[] expected = [nearest, towardZero, up, down];
        for (uint rm = 0; rm < 4; rm++)
        {
            SetRounding(rm);
            S->Fpr[2] = Bits(value);
            S->Fpr[6] = 0xAAAAAAAA_00000000;
            F.Cvt_W_D(S, Cop1(FmtD, 0, 2, 6, 0x24));
            Assert.That(S->Fpr[6], Is.EqualTo(0xAAAAAAAA_00000000 | (uint)expected[rm]), $"rm {rm}");
            Assert.That(Cause, Is.EqualTo(value == Math.Floor(value) ? 0u : I), $"rm {rm}");
            F.Cvt_L_D(S, Cop1(FmtD, 0, 2, 6, 0x25));
            Assert.That((long)S->Fpr[6], Is.EqualTo((long)expected[rm]), $"rm {rm}, cvt.l.d");
        }
    }

    [Test]
    public void RoundTruncCeilFloorIgnoreTheRoundingMode()
    {
        SetRounding(3);
        S->Fpr[2] = Bits(-2.5f);
        F.Round_W_S(S, Cop1(FmtS, 0, 2, 6, 0x0C));
        Assert.That((int)(uint)S->Fpr[6], Is.EqualTo(-2));
        F.Trunc_L_S(S, Cop1(FmtS, 0, 2, 6, 0x09));
        Assert.That((long)S->Fpr[6], Is.EqualTo(-2L));
        F.Ceil_W_S(S, Cop1(FmtS, 0, 2, 6, 0x0E));
        Assert.That((int)(uint)S->Fpr[6], Is.EqualTo(-2));
        F.Floor_L_S(S, Cop1(FmtS, 0, 2, 6, 0x0B));
        Assert.That((long)S->Fpr[6], Is.EqualTo(-3L));
        S->Fpr[2] = Bits(2.5);
        F.Round_L_D(S, Cop1(FmtD, 0, 2, 6, 0x08));
        Assert.That((long)S->Fpr[6], Is.EqualTo(2L));
        F.Ceil_L_D(S, Cop1(FmtD, 0, 2, 6, 0x0A));
        Assert.That((long)S->Fpr[6], Is.EqualTo(3L));
        F.Floor_W_D(S, Cop1(FmtD, 0, 2, 6, 0x0F));
        Assert.That((int)(uint)S->Fpr[6], Is.EqualTo(2));
        F.Trunc_W_D(S, Cop1(FmtD, 0, 2, 6, 0x0D));
        Assert.That((int)(uint)S->Fpr[6], Is.EqualTo(2));
    }

    [TestCase(3e9)]
    [TestCase(-3e9)]
    [TestCase(double.NaN)]
    [TestCase(double.NegativeInfinity)]
    public void TruncWOutOfRangeGivesQemuOverflowValue(double value)
    {
        S->Fpr[2] = Bits(value);
        F.Trunc_W_D(S, Cop1(FmtD, 0, 2, 6, 0x0D));
        Assert.That(((uint)S->Fpr[6], Cause, Flags), Is.EqualTo((0x7FFFFFFFu, V, V)));
    }

    [Test]
    public void TruncLLimits()
    {
        S->Fpr[2] = Bits(1e19);
        F.Trunc_L_D(S, Cop1(FmtD, 0, 2, 6, 0x09));
        Assert.That((S->Fpr[6], Cause), Is.EqualTo((0x7FFFFFFFFFFFFFFFUL, V)));
        S->Fpr[2] = Bits(-9.3e18);
        F.Trunc_L_D(S, Cop1(FmtD, 0, 2, 6, 0x09));
        Assert.That((S->Fpr[6], Cause), Is.EqualTo((0x7FFFFFFFFFFFFFFFUL, V)));
        S->Fpr[2] = Bits(-9223372036854775808.0);
        F.Trunc_L_D(S, Cop1(FmtD, 0, 2, 6, 0x09));
        Assert.That((S->Fpr[6], Cause), Is.EqualTo((0x8000000000000000UL, 0u)));
        S->Fpr[2] = Bits(-2147483648.5);
        F.Trunc_W_D(S, Cop1(FmtD, 0, 2, 6, 0x0D));
        Assert.That(((uint)S->Fpr[6], Cause), Is.EqualTo((0x80000000u, I)));
    }

    [Test]
    public void FloatFormatConversions()
    {
        S->Fpr[2] = Bits(0.1);
        F.Cvt_S_D(S, Cop1(FmtD, 0, 2, 6, 0x20));
        Assert.That(((uint)S->Fpr[6], Cause), Is.EqualTo((Bits(0.1f), I)));
        SetRounding(2);
        F.Cvt_S_D(S, Cop1(FmtD, 0, 2, 6, 0x20));
        Assert.That((uint)S->Fpr[6], Is.EqualTo(Bits((float)0.1 < 0.1 ? MathF.BitIncrement(0.1f) : 0.1f)));
        SetRounding(0);
        S->Fpr[2] = Bits(1e300);
        F.Cvt_S_D(S, Cop1(FmtD, 0, 2, 6, 0x20));
        Assert.That(((uint)S->Fpr[6], Cause), Is.EqualTo((Bits(float.PositiveInfinity), O | I)));
        S->Fpr[2] = Bits(1.25f);
        F.Cvt_D_S(S, Cop1(FmtS, 0, 2, 6, 0x21));
        Assert.That((Double(S->Fpr[6]), Cause), Is.EqualTo((1.25, 0u)));
        S->Fpr[2] = 0x7FC00000; // signalling single
        F.Cvt_D_S(S, Cop1(FmtS, 0, 2, 6, 0x21));
        Assert.That((S->Fpr[6], Cause), Is.EqualTo((F.DefaultNaN64, V)));
        S->Fpr[2] = unchecked((uint)-7);
        F.Cvt_D_W(S, Cop1(FmtW, 0, 2, 6, 0x21));
        Assert.That(Double(S->Fpr[6]), Is.EqualTo(-7.0));
        F.Cvt_S_W(S, Cop1(FmtW, 0, 2, 6, 0x20));
        Assert.That((uint)S->Fpr[6], Is.EqualTo(Bits(-7f)));
        S->Fpr[2] = (1UL << 53) + 1;
        F.Cvt_D_L(S, Cop1(FmtL, 0, 2, 6, 0x21));
        Assert.That((S->Fpr[6], Cause), Is.EqualTo((Bits(9007199254740992.0), I)));
        SetRounding(2);
        F.Cvt_D_L(S, Cop1(FmtL, 0, 2, 6, 0x21));
        Assert.That(Double(S->Fpr[6]), Is.EqualTo(9007199254740994.0));
        SetRounding(0);
        S->Fpr[2] = 16777217;
        F.Cvt_S_L(S, Cop1(FmtL, 0, 2, 6, 0x20));
        Assert.That(((uint)S->Fpr[6], Cause), Is.EqualTo((Bits(16777216f), I)));
    }

    // ---- Compares and condition codes ----
    [TestCase(1.0, 2.0, 0xF0F0)] // olt ult ole ule lt nge le ngt
    [TestCase(2.0, 1.0, 0x0000)]
    [TestCase(1.0, 1.0, 0xCCCC)] // eq ueq ole ule seq ngl le ngt
    [TestCase(-0.0, 0.0, 0xCCCC)]
    public void OrderedCompareResults(double a, double b, int truthTable)
    {
        // Bit n of truthTable: the expected result of the compare with condition n (c.f.d ... c.ngt.d).
        Action<IntPtr, ulong>[] conditions = Conditions64();
        for (int cond = 0; cond < 16; cond++)
        {
            S->Fcsr = 0;
            S->Fpr[2] = Bits(a);
            S->Fpr[4] = Bits(b);
            conditions[cond]((IntPtr)S, Cop1(FmtD, 4, 2, 3 << 2, (uint)(0x30 + cond))); // cc 3 in bits 10:8
            bool expected = ((truthTable >> cond) & 1) != 0;
            Assert.That((S->Fcsr & (1u << 27)) != 0, Is.EqualTo(expected), $"cond {cond}");
            Assert.That(Cause, Is.Zero);
        }
    }

    private static Action<IntPtr, ulong>[] Conditions64() =>
    [
        (s, w) => F.C_F_D((CpuState*)s, w), (s, w) => F.C_Un_D((CpuState*)s, w), (s, w) => F.C_Eq_D((CpuState*)s, w),
        (s, w) => F.C_Ueq_D((CpuState*)s, w), (s, w) => F.C_Olt_D((CpuState*)s, w), (s, w) => F.C_Ult_D((CpuState*)s, w),
        (s, w) => F.C_Ole_D((CpuState*)s, w), (s, w) => F.C_Ule_D((CpuState*)s, w), (s, w) => F.C_Sf_D((CpuState*)s, w),
        (s, w) => F.C_Ngle_D((CpuState*)s, w), (s, w) => F.C_Seq_D((CpuState*)s, w), (s, w) => F.C_Ngl_D((CpuState*)s, w),
        (s, w) => F.C_Lt_D((CpuState*)s, w), (s, w) => F.C_Nge_D((CpuState*)s, w), (s, w) => F.C_Le_D((CpuState*)s, w),
        (s, w) => F.C_Ngt_D((CpuState*)s, w),
    ];

    [Test]
    public void UnorderedComparesAndInvalid()
    {
        Action<IntPtr, ulong>[] conditions = Conditions64();
        for (int cond = 0; cond < 16; cond++)
        {
            S->Fcsr = 0;
            S->Fpr[2] = 0x7FF0000000000001; // quiet NaN (legacy)
            S->Fpr[4] = Bits(1.0);
            conditions[cond]((IntPtr)S, Cop1(FmtD, 4, 2, 0, (uint)(0x30 + cond))); // cc 0
            Assert.That((S->Fcsr & (1u << 23)) != 0, Is.EqualTo((cond & 1) != 0), $"cond {cond}");
            Assert.That(Cause, Is.EqualTo(cond >= 8 ? V : 0u), $"cond {cond}: only signalling compares trap on a quiet NaN");
            S->Fcsr = 0;
            S->Fpr[2] = 0x7FF8000000000000; // signalling NaN (legacy)
            conditions[cond]((IntPtr)S, Cop1(FmtD, 4, 2, 0, (uint)(0x30 + cond)));
            Assert.That(Cause, Is.EqualTo(V), $"cond {cond}: any compare of a signalling NaN is invalid");
        }

        S->Fcsr = (V << 7) | (1u << 23);
        F.C_Lt_D(S, Cop1(FmtD, 4, 2, 0, 0x3C));
        Assert.That(S->Exception, Is.EqualTo(GuestException.FloatingPoint));
        Assert.That(S->Fcsr & (1u << 23), Is.Not.Zero, "a trapping compare leaves the condition code");
    }

    [Test]
    public void SingleComparesAndBranches()
    {
        S->Fpr[2] = Bits(-1f);
        S->Fpr[4] = Bits(2f);
        F.C_Olt_S(S, Cop1(FmtS, 4, 2, 5 << 2, 0x34)); // cc 5
        Assert.That(S->Fcsr, Is.EqualTo(1u << 29));
        ulong bc5 = (0x11u << 26) | (8u << 21) | (5u << 18);
        Assert.Multiple(() =>
        {
            Assert.That(F.Bc1t(S, bc5 | 1), Is.True);
            Assert.That(F.Bc1tl(S, bc5 | 3), Is.True);
            Assert.That(F.Bc1f(S, bc5), Is.False);
            Assert.That(F.Bc1fl(S, bc5 | 2), Is.False);
            Assert.That(F.Bc1t(S, 1), Is.False, "cc 0 is clear");
            Assert.That(F.Bc1f(S, 0), Is.True);
        });
        F.C_Le_S(S, Cop1(FmtS, 2, 4, 5 << 2, 0x3E)); // 2 <= -1 is false
        Assert.That(S->Fcsr, Is.Zero);
        F.C_Ngt_S(S, Cop1(FmtS, 2, 4, 0, 0x3F));
        Assert.That(S->Fcsr, Is.Zero);
        F.C_Eq_S(S, Cop1(FmtS, 2, 2, 0, 0x32));
        Assert.That(S->Fcsr, Is.EqualTo(1u << 23));
    }

    [Test]
    public void GprAndFprConditionalMoves()
    {
        S->Fcsr = 1u << 26; // cc 2 set
        ulong cc2 = 2u << 18, cc1 = 1u << 18;
        Assert.Multiple(() =>
        {
            Assert.That(F.Movt(S, cc2, 11, 22), Is.EqualTo(11UL));
            Assert.That(F.Movf(S, cc2, 11, 22), Is.EqualTo(22UL));
            Assert.That(F.Movf(S, cc1, 11, 22), Is.EqualTo(11UL));
            Assert.That(F.Movt(S, cc1, 11, 22), Is.EqualTo(22UL));
        });
        S->Fpr[2] = 0x11111111_22222222;
        S->Fpr[6] = 0x33333333_44444444;
        F.Movf_S(S, Cop1(FmtS, 2 << 2, 2, 6, 0x11));
        Assert.That(S->Fpr[6], Is.EqualTo(0x33333333_44444444UL));
        F.Movt_S(S, Cop1(FmtS, (2 << 2) | 1, 2, 6, 0x11));
        Assert.That(S->Fpr[6], Is.EqualTo(0x33333333_22222222UL));
        F.Movf_D(S, Cop1(FmtD, 1 << 2, 2, 8, 0x11));
        Assert.That(S->Fpr[8], Is.EqualTo(0x11111111_22222222UL));
        F.Movz_D(S, Cop1(FmtD, 3, 2, 10, 0x12), 1);
        Assert.That(S->Fpr[10], Is.Zero);
        F.Movn_D(S, Cop1(FmtD, 3, 2, 10, 0x13), 1);
        Assert.That(S->Fpr[10], Is.EqualTo(0x11111111_22222222UL));
        F.Movz_S(S, Cop1(FmtS, 3, 2, 12, 0x12), 0);
        Assert.That(S->Fpr[12], Is.EqualTo(0x22222222UL));
        // movf.ps cc 1: cc1 clear moves the lower half, cc2 set keeps the upper half.
        S->Fpr[14] = 0x55555555_66666666;
        F.Movf_Ps(S, Cop1(FmtPs, 1 << 2, 2, 14, 0x11));
        Assert.That(S->Fpr[14], Is.EqualTo(0x55555555_22222222UL));
        F.Movt_Ps(S, Cop1(FmtPs, (1 << 2) | 1, 2, 14, 0x11));
        Assert.That(S->Fpr[14], Is.EqualTo(0x11111111_22222222UL));
    }

    // ---- Moves and control registers ----
    [Test]
    public void MovesBetweenGprsAndFprs()
    {
        ulong fs4 = 4u << 11;
        F.Dmtc1(S, fs4, 0x01234567_89ABCDEF);
        Assert.Multiple(() =>
        {
            Assert.That(F.Mfc1(S, fs4), Is.EqualTo(0xFFFFFFFF_89ABCDEFUL));
            Assert.That(F.Mfhc1(S, fs4), Is.EqualTo(0x01234567UL));
            Assert.That(F.Dmfc1(S, fs4), Is.EqualTo(0x01234567_89ABCDEFUL));
        });
        F.Mtc1(S, fs4, 0xFFFFFFFF_00000001);
        Assert.That(S->Fpr[4], Is.EqualTo(0x01234567_00000001UL));
        F.Mthc1(S, fs4, 0x80000000);
        Assert.That(S->Fpr[4], Is.EqualTo(0x80000000_00000001UL));
        Assert.That(F.Mfhc1(S, fs4), Is.EqualTo(0xFFFFFFFF_80000000UL));
    }

    [Test]
    public void ControlRegisters()
    {
        Assert.That(F.Cfc1(S, 0), Is.EqualTo(0x00770501UL));
        F.Ctc1(S, 31u << 11, 0xFFFFFFFF & ~(0x3Fu << 12));
        Assert.That(S->Fcsr, Is.EqualTo(0xFF83FFFFu & ~(0x3Fu << 12)));
        Assert.That(F.Cfc1(S, 31u << 11), Is.EqualTo(0xFFFFFFFF_FF80_0FFFUL));
        Assert.That(F.Cfc1(S, 25u << 11), Is.EqualTo(0xFFUL), "FCCR: all eight condition codes");
        Assert.That(F.Cfc1(S, 26u << 11), Is.EqualTo(0x7CUL), "FEXR: flags, no cause");
        Assert.That(F.Cfc1(S, 28u << 11), Is.EqualTo(0xF87UL), "FENR: enables, FS, RM");
        F.Ctc1(S, 25u << 11, 0x02);
        Assert.That(S->Fcsr >> 23, Is.EqualTo(0b110u), "cc 1 (bit 25) set, cc 0 and 2..7 cleared, FS (bit 24) kept");
        F.Ctc1(S, 28u << 11, 0x3);
        Assert.That(S->Fcsr & 0x01000F83, Is.EqualTo(3u));
        Assert.That(S->Exception, Is.EqualTo(GuestException.None));
        F.Ctc1(S, 26u << 11, 1u << 12); // cause Inexact while no enable: no trap
        Assert.That(S->Exception, Is.EqualTo(GuestException.None));
        F.Ctc1(S, 31u << 11, (1u << 17)); // cause E always traps
        Assert.That(S->Exception, Is.EqualTo(GuestException.FloatingPoint));
    }

    // ---- Paired single ----
    [Test]
    public void PairedSingleArithmeticAndShuffles()
    {
        S->Fpr[2] = ((ulong)Bits(3f) << 32) | Bits(1.5f);
        S->Fpr[4] = ((ulong)Bits(0.25f) << 32) | Bits(-4f);
        F.Add_Ps(S, Cop1(FmtPs, 4, 2, 6, 0));
        Assert.That(S->Fpr[6], Is.EqualTo(((ulong)Bits(3.25f) << 32) | Bits(-2.5f)));
        F.Mul_Ps(S, Cop1(FmtPs, 4, 2, 6, 2));
        Assert.That(S->Fpr[6], Is.EqualTo(((ulong)Bits(0.75f) << 32) | Bits(-6f)));
        F.Sub_Ps(S, Cop1(FmtPs, 4, 2, 6, 1));
        Assert.That(S->Fpr[6], Is.EqualTo(((ulong)Bits(2.75f) << 32) | Bits(5.5f)));
        F.Neg_Ps(S, Cop1(FmtPs, 0, 4, 6, 7));
        Assert.That(S->Fpr[6], Is.EqualTo(((ulong)Bits(-0.25f) << 32) | Bits(4f)));
        F.Abs_Ps(S, Cop1(FmtPs, 0, 6, 8, 5));
        Assert.That(S->Fpr[8], Is.EqualTo(((ulong)Bits(0.25f) << 32) | Bits(4f)));

        S->Fpr[10] = 0xAAAAAAAA_BBBBBBBB;
        S->Fpr[12] = 0xCCCCCCCC_DDDDDDDD;
        F.Pll_Ps(S, Cop1(FmtPs, 12, 10, 14, 0x2C));
        Assert.That(S->Fpr[14], Is.EqualTo(0xBBBBBBBB_DDDDDDDDUL));
        F.Plu_Ps(S, Cop1(FmtPs, 12, 10, 14, 0x2D));
        Assert.That(S->Fpr[14], Is.EqualTo(0xBBBBBBBB_CCCCCCCCUL));
        F.Pul_Ps(S, Cop1(FmtPs, 12, 10, 14, 0x2E));
        Assert.That(S->Fpr[14], Is.EqualTo(0xAAAAAAAA_DDDDDDDDUL));
        F.Puu_Ps(S, Cop1(FmtPs, 12, 10, 14, 0x2F));
        Assert.That(S->Fpr[14], Is.EqualTo(0xAAAAAAAA_CCCCCCCCUL));
        F.Cvt_Ps_S(S, Cop1(FmtS, 12, 10, 14, 0x26));
        Assert.That(S->Fpr[14], Is.EqualTo(0xBBBBBBBB_DDDDDDDDUL));
        S->Fpr[16] = 0xFFFFFFFF_00000000;
        F.Cvt_S_Pu(S, Cop1(FmtPs, 0, 10, 16, 0x20));
        Assert.That(S->Fpr[16], Is.EqualTo(0xFFFFFFFF_AAAAAAAAUL));
        F.Cvt_S_Pl(S, Cop1(FmtPs, 0, 10, 16, 0x28));
        Assert.That(S->Fpr[16], Is.EqualTo(0xFFFFFFFF_BBBBBBBBUL));
        F.Alnv_Ps(S, Cop1x(0, 12, 10, 18, 0x1E), 4);
        Assert.That(S->Fpr[18], Is.EqualTo(0xDDDDDDDD_AAAAAAAAUL));
        F.Alnv_Ps(S, Cop1x(0, 12, 10, 18, 0x1E), 8);
        Assert.That(S->Fpr[18], Is.EqualTo(0xAAAAAAAA_BBBBBBBBUL));
    }

    [Test]
    public void PairedCompareSetsTwoConditionCodes()
    {
        S->Fpr[2] = ((ulong)Bits(1f) << 32) | Bits(5f);
        S->Fpr[4] = ((ulong)Bits(2f) << 32) | Bits(5f);
        F.C_Eq_Ps(S, Cop1(FmtPs, 4, 2, 2 << 2, 0x32)); // cc 2 (lower) and cc 3 (upper)
        Assert.That(S->Fcsr, Is.EqualTo(1u << 26));
        F.C_Lt_Ps(S, Cop1(FmtPs, 4, 2, 2 << 2, 0x3C));
        Assert.That(S->Fcsr, Is.EqualTo(1u << 27));
        F.C_Ule_Ps(S, Cop1(FmtPs, 4, 2, 0, 0x37)); // cc 0 and cc 1
        Assert.That(S->Fcsr & ((1u << 23) | (1u << 25)), Is.EqualTo((1u << 23) | (1u << 25)));
    }

    // ---- Multiply-add ----
    [Test]
    public void MultiplyAddIsNotFused()
    {
        double a = 1 + Math.ScaleB(1.0, -30), b = 1 - Math.ScaleB(1.0, -30);
        S->Fpr[2] = Bits(a);
        S->Fpr[4] = Bits(b);
        S->Fpr[6] = Bits(-1.0);
        ulong madd = Cop1x(6, 4, 2, 8, 0x21); // madd.d f8, f6, f2, f4
        F.Madd_D(S, madd);
        Assert.That(Double(S->Fpr[8]), Is.EqualTo((a * b) + -1.0), "rounded product, then add");
        Assert.That(Math.FusedMultiplyAdd(a, b, -1.0), Is.Not.EqualTo(0.0), "a fused result would differ");
        S->Fpr[6] = Bits(0.5);
        F.Msub_D(S, Cop1x(6, 4, 2, 8, 0x29));
        Assert.That(Double(S->Fpr[8]), Is.EqualTo((a * b) - 0.5));
        F.Nmadd_D(S, Cop1x(6, 4, 2, 8, 0x31));
        Assert.That(Double(S->Fpr[8]), Is.EqualTo(-((a * b) + 0.5)));
        F.Nmsub_D(S, Cop1x(6, 4, 2, 8, 0x39));
        Assert.That(Double(S->Fpr[8]), Is.EqualTo(-((a * b) - 0.5)));
        S->Fpr[6] = 0x7FF0000000000001; // quiet NaN addend: negated default NaN
        F.Nmadd_D(S, Cop1x(6, 4, 2, 8, 0x31));
        Assert.That(S->Fpr[8], Is.EqualTo(0xFFF7FFFFFFFFFFFFUL));

        S->Fpr[2] = Bits(3f);
        S->Fpr[4] = Bits(5f);
        S->Fpr[6] = Bits(0.5f);
        F.Madd_S(S, Cop1x(6, 4, 2, 8, 0x20));
        Assert.That((uint)S->Fpr[8], Is.EqualTo(Bits(15.5f)));
        F.Nmsub_S(S, Cop1x(6, 4, 2, 8, 0x38));
        Assert.That((uint)S->Fpr[8], Is.EqualTo(Bits(-14.5f)));
        S->Fpr[2] = ((ulong)Bits(2f) << 32) | Bits(3f);
        S->Fpr[4] = ((ulong)Bits(4f) << 32) | Bits(5f);
        S->Fpr[6] = ((ulong)Bits(1f) << 32) | Bits(0.5f);
        F.Madd_Ps(S, Cop1x(6, 4, 2, 8, 0x26));
        Assert.That(S->Fpr[8], Is.EqualTo(((ulong)Bits(9f) << 32) | Bits(15.5f)));
        F.Msub_Ps(S, Cop1x(6, 4, 2, 8, 0x2E));
        Assert.That(S->Fpr[8], Is.EqualTo(((ulong)Bits(7f) << 32) | Bits(14.5f)));
        F.Nmadd_Ps(S, Cop1x(6, 4, 2, 8, 0x36));
        Assert.That(S->Fpr[8], Is.EqualTo(((ulong)Bits(-9f) << 32) | Bits(-15.5f)));
        F.Nmsub_Ps(S, Cop1x(6, 4, 2, 8, 0x3E));
        Assert.That(S->Fpr[8], Is.EqualTo(((ulong)Bits(-7f) << 32) | Bits(-14.5f)));
        F.Msub_S(S, Cop1x(6, 4, 2, 8, 0x28));
        Assert.That((uint)S->Fpr[8], Is.EqualTo(Bits(14.5f)));
        F.Nmadd_S(S, Cop1x(6, 4, 2, 8, 0x30));
        Assert.That((uint)S->Fpr[8], Is.EqualTo(Bits(-15.5f)));
    }

    [Test]
    public void ReciprocalsAndUnaryOperations()
    {
        S->Fpr[2] = Bits(4.0);
        F.Recip_D(S, Cop1(FmtD, 0, 2, 6, 0x15));
        Assert.That(Double(S->Fpr[6]), Is.EqualTo(0.25));
        F.Rsqrt_D(S, Cop1(FmtD, 0, 2, 6, 0x16));
        Assert.That(Double(S->Fpr[6]), Is.EqualTo(0.5));
        S->Fpr[2] = Bits(0.0);
        F.Recip_D(S, Cop1(FmtD, 0, 2, 6, 0x15));
        Assert.That((Double(S->Fpr[6]), Cause), Is.EqualTo((double.PositiveInfinity, Z)));
        S->Fpr[2] = Bits(16f);
        F.Rsqrt_S(S, Cop1(FmtS, 0, 2, 6, 0x16));
        Assert.That((uint)S->Fpr[6], Is.EqualTo(Bits(0.25f)));
        F.Recip_S(S, Cop1(FmtS, 0, 2, 6, 0x15));
        Assert.That((uint)S->Fpr[6], Is.EqualTo(Bits(0.0625f)));
        S->Fpr[2] = 0x7FF8000000000000; // abs/neg/mov of a signalling NaN: bits only, no exception
        S->Fcsr = 0;
        F.Neg_D(S, Cop1(FmtD, 0, 2, 6, 7));
        Assert.That((S->Fpr[6], S->Fcsr), Is.EqualTo((0xFFF8000000000000UL, 0u)));
        F.Abs_D(S, Cop1(FmtD, 0, 6, 8, 5));
        Assert.That(S->Fpr[8], Is.EqualTo(0x7FF8000000000000UL));
        F.Mov_D(S, Cop1(FmtD, 0, 6, 10, 6));
        Assert.That(S->Fpr[10], Is.EqualTo(0xFFF8000000000000UL));
        S->Fpr[2] = 0x12345678_BF800000;
        S->Fpr[6] = 0xFFFFFFFF_00000000;
        F.Abs_S(S, Cop1(FmtS, 0, 2, 6, 5));
        Assert.That(S->Fpr[6], Is.EqualTo(0xFFFFFFFF_3F800000UL));
        F.Neg_S(S, Cop1(FmtS, 0, 6, 6, 7));
        Assert.That(S->Fpr[6], Is.EqualTo(0xFFFFFFFF_BF800000UL));
        F.Mov_S(S, Cop1(FmtS, 0, 2, 8, 6));
        Assert.That((uint)S->Fpr[8], Is.EqualTo(0xBF800000u));
    }

    // ---- Memory ----
    [Test]
    public void LoadsAndStores()
    {
        using var space = new AddressSpace();
        space.Map(0x10000, 0x2000, PageProtection.ReadWrite);
        space.Attach(S);
        Assert.That(space.TryWrite(0x10010, BitConverter.GetBytes(0x11223344_55667788UL)), Is.True);

        S->Fpr[1] = 0xAAAAAAAA_00000000;
        F.Lwc1(S, 1u << 16, 0x10014);
        Assert.That(S->Fpr[1], Is.EqualTo(0xAAAAAAAA_11223344UL));
        F.Ldc1(S, 2u << 16, 0x10010);
        Assert.That(S->Fpr[2], Is.EqualTo(0x11223344_55667788UL));
        F.Ldxc1(S, 3u << 6, 0x10000, 0x10);
        Assert.That(S->Fpr[3], Is.EqualTo(0x11223344_55667788UL));
        F.Lwxc1(S, 4u << 6, 0x10008, 0x8);
        Assert.That((uint)S->Fpr[4], Is.EqualTo(0x55667788u));
        F.Luxc1(S, 5u << 6, 0x10010, 0x5);
        Assert.That(S->Fpr[5], Is.EqualTo(0x11223344_55667788UL), "luxc1 clears the low three address bits");

        S->Fpr[6] = 0x99999999_CAFEBABE;
        F.Swc1(S, 6u << 16, 0x10100);
        F.Sdc1(S, 6u << 16, 0x10108);
        F.Swxc1(S, 6u << 11, 0x10110, 4);
        F.Sdxc1(S, 6u << 11, 0x10100, 0x18);
        F.Suxc1(S, 6u << 11, 0x10120, 3);
        byte[] buffer = new byte[0x28];
        Assert.That(space.TryRead(0x10100, buffer), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(BitConverter.ToUInt32(buffer, 0), Is.EqualTo(0xCAFEBABEu));
            Assert.That(BitConverter.ToUInt64(buffer, 8), Is.EqualTo(0x99999999_CAFEBABEUL));
            Assert.That(BitConverter.ToUInt32(buffer, 0x14), Is.EqualTo(0xCAFEBABEu));
            Assert.That(BitConverter.ToUInt64(buffer, 0x18), Is.EqualTo(0x99999999_CAFEBABEUL));
            Assert.That(BitConverter.ToUInt64(buffer, 0x20), Is.EqualTo(0x99999999_CAFEBABEUL));
            Assert.That(S->Exception, Is.EqualTo(GuestException.None));
        });
        F.Prefx(0x10000, 0);
    }

    [Test]
    public void FaultingLoadsLeaveTheRegister()
    {
        using var space = new AddressSpace();
        space.Map(0x10000, 0x1000, PageProtection.ReadWrite);
        space.Attach(S);
        S->Fpr[7] = 0x1234;
        F.Ldc1(S, 7u << 16, 0x50000);
        Assert.That((S->Fpr[7], S->Exception), Is.EqualTo((0x1234UL, GuestException.TlbLoad)));
        S->Exception = GuestException.None;
        F.Ldxc1(S, 7u << 6, 0x10000, 4);
        Assert.That((S->Fpr[7], S->Exception), Is.EqualTo((0x1234UL, GuestException.AddressErrorLoad)));
        S->Exception = GuestException.None;
        F.Lwc1(S, 7u << 16, 0x10002);
        Assert.That((S->Fpr[7], S->Exception), Is.EqualTo((0x1234UL, GuestException.AddressErrorLoad)));
    }
}
