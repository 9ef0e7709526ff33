using LoongsonDbt.Translator.Decoding;

namespace LoongsonDbt.Tests.Decoding;

/// <summary>
/// MIPS64 multiply/divide through HI/LO and the SPECIAL2 multiply-accumulate forms; objdump writes
/// the divides with an explicit $zero destination.
/// </summary>
[TestFixture]
public class DecodeMulDivTests
{
    [TestCase(0x00001010u, InstructionName.Mfhi, "mfhi\tv0")]
    [TestCase(0x00600011u, InstructionName.Mthi, "mthi\tv1")]
    [TestCase(0x00002012u, InstructionName.Mflo, "mflo\ta0")]
    [TestCase(0x00a00013u, InstructionName.Mtlo, "mtlo\ta1")]
    [TestCase(0x00430018u, InstructionName.Mult, "mult\tv0,v1")]
    [TestCase(0x00430019u, InstructionName.Multu, "multu\tv0,v1")]
    [TestCase(0x0043001au, InstructionName.Div, "div\tzero,v0,v1")]
    [TestCase(0x0043001bu, InstructionName.Divu, "divu\tzero,v0,v1")]
    [TestCase(0x0085001cu, InstructionName.Dmult, "dmult\ta0,a1")]
    [TestCase(0x0085001du, InstructionName.Dmultu, "dmultu\ta0,a1")]
    [TestCase(0x0085001eu, InstructionName.Ddiv, "ddiv\tzero,a0,a1")]
    [TestCase(0x0085001fu, InstructionName.Ddivu, "ddivu\tzero,a0,a1")]
    [TestCase(0x70430000u, InstructionName.Madd, "madd\tv0,v1")]
    [TestCase(0x70430001u, InstructionName.Maddu, "maddu\tv0,v1")]
    [TestCase(0x70641002u, InstructionName.Mul, "mul\tv0,v1,a0")]
    [TestCase(0x70430004u, InstructionName.Msub, "msub\tv0,v1")]
    [TestCase(0x70430005u, InstructionName.Msubu, "msubu\tv0,v1")]
    public void Decodes(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.MulDiv, text);

    [TestCase(0x00001010u, 0, 0, 2, 0, Description = "mfhi v0")]
    [TestCase(0x00600011u, 3, 0, 0, 0, Description = "mthi v1")]
    [TestCase(0x0085001eu, 4, 5, 0, 0, Description = "ddiv zero,a0,a1")]
    [TestCase(0x70641002u, 3, 4, 2, 0, Description = "mul v0,v1,a0")]
    public void Fields(uint word, int rs, int rt, int rd, int sa) =>
        DecodingAssert.HasFields(word, rs, rt, rd, sa);

    [TestCase(0x00001010u, InstructionFlags.ReadsHiLo | InstructionFlags.WritesRd, Description = "mfhi v0")]
    [TestCase(0x00600011u, InstructionFlags.ReadsRs | InstructionFlags.WritesHiLo, Description = "mthi v1")]
    [TestCase(0x0085001cu, InstructionFlags.ReadsRs | InstructionFlags.ReadsRt | InstructionFlags.WritesHiLo, Description = "dmult a0,a1")]
    [TestCase(0x70430000u, InstructionFlags.ReadsRs | InstructionFlags.ReadsRt | InstructionFlags.ReadsHiLo | InstructionFlags.WritesHiLo, Description = "madd v0,v1")]
    [TestCase(0x70641002u, InstructionFlags.ReadsRs | InstructionFlags.ReadsRt | InstructionFlags.WritesRd | InstructionFlags.WritesHiLo, Description = "mul v0,v1,a0")]
    public void Flags(uint word, InstructionFlags flags) =>
        Assert.That(Decoder.Loongson3.Decode(word).Flags, Is.EqualTo(flags));
}
