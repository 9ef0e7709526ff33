using LoongsonDbt.Translator.Decoding;
using LoongsonDbt.Translator.Semantics;

namespace LoongsonDbt.Tests.Semantics;

/// <summary>
/// The semantic functions marked <see cref="SignExtendedWordAttribute"/> keep the promise on random operands: the
/// compiler holds their results in 32-bit locals, which would drop the high half of any result that is not the sign
/// extension of its low word. Register operands are any 64-bit values for the functions that promise it always, and
/// sign-extended words for those that promise it from word operands.
/// </summary>
[TestFixture]
public class SignExtendedWordTests
{
    private const int Trials = 20_000;

    public static IEnumerable<InstructionName> Marked() =>
        Enum.GetValues<InstructionName>().Where(name => SemanticsTable.Get(name) is { WordResult: not WordResult.Never });

    [Test]
    public void TheWordOperationsAreMarked() =>
        Assert.That(Marked(), Is.SupersetOf(new[]
        {
            InstructionName.Addu, InstructionName.Addiu, InstructionName.Subu, InstructionName.Sll, InstructionName.Rotr,
            InstructionName.Lw, InstructionName.Xor, InstructionName.And,
        }).And.None.EqualTo(InstructionName.Daddu).And.None.EqualTo(InstructionName.Ld));

    [TestCaseSource(nameof(Marked))]
    public void ResultIsASignExtendedWord(InstructionName name)
    {
        Semantic semantic = SemanticsTable.Get(name)!;
        Assert.That(semantic.Result, Is.EqualTo(ResultKind.Gpr));
        Assert.That(semantic.Operands, Does.Not.Contain(OperandSource.State), "the compiler takes word results only from pure functions");

        var random = new Random((int)name);
        bool wordOperands = semantic.WordResult == WordResult.FromWordOperands;
        for (int trial = 0; trial < Trials; trial++)
        {
            object[] arguments = [.. semantic.Operands.Select(source => (object)Operand(source, random, wordOperands))];
            ulong result = (ulong)semantic.Method.Invoke(null, arguments)!;
            Assert.That(result, Is.EqualTo((ulong)(long)(int)result), $"{name}({string.Join(", ", arguments.Select(a => $"0x{a:x}"))})");
        }
    }

    private static ulong Operand(OperandSource source, Random random, bool wordOperands) => source switch
    {
        OperandSource.Rs or OperandSource.Rt or OperandSource.Rd => wordOperands ? (ulong)(long)(int)random.NextInt64() : Any64(random),
        OperandSource.Sa => (ulong)random.Next(32),
        OperandSource.Immediate => (ulong)random.Next(0x10000),
        OperandSource.Word => (uint)random.NextInt64(),
        OperandSource.Loaded8 => (ulong)random.Next(0x100),
        OperandSource.Loaded16 => (ulong)random.Next(0x10000),
        OperandSource.Loaded32 => (uint)random.NextInt64(),
        OperandSource.Loaded64 => Any64(random),
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "not an operand of a pure GPR function"),
    };

    /// <summary>A full 64-bit value, a quarter of the time one whose high half is all zeros or all ones.</summary>
    private static ulong Any64(Random random) => random.Next(8) switch
    {
        0 => (uint)random.NextInt64(),
        1 => 0xFFFF_FFFF_0000_0000UL | (uint)random.NextInt64(),
        _ => (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63),
    };
}
