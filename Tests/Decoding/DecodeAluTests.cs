using LoongsonDbt.Translator.Decoding;

namespace LoongsonDbt.Tests.Decoding;

/// <summary>
/// Three-register and immediate ALU forms, conditional moves and objdump's aliases for them (move,
/// neg/negu/dnegu, li). Words assembled with GNU as -march=gs464.
/// </summary>
[TestFixture]
public class DecodeAluTests
{
    [TestCase(0x00641020u, InstructionName.Add, "add\tv0,v1,a0")]
    [TestCase(0x00641021u, InstructionName.Addu, "addu\tv0,v1,a0")]
    [TestCase(0x00601021u, InstructionName.Addu, "move\tv0,v1")]
    [TestCase(0x00c72822u, InstructionName.Sub, "sub\ta1,a2,a3")]
    [TestCase(0x00072822u, InstructionName.Sub, "neg\ta1,a3")]
    [TestCase(0x012a4023u, InstructionName.Subu, "subu\ta4,a5,a6")]
    [TestCase(0x000a4023u, InstructionName.Subu, "negu\ta4,a6")]
    [TestCase(0x018d5824u, InstructionName.And, "and\ta7,t0,t1")]
    [TestCase(0x02328025u, InstructionName.Or, "or\ts0,s1,s2")]
    [TestCase(0x02208025u, InstructionName.Or, "move\ts0,s1")]
    [TestCase(0x02959826u, InstructionName.Xor, "xor\ts3,s4,s5")]
    [TestCase(0x02f8b027u, InstructionName.Nor, "nor\ts6,s7,t8")]
    [TestCase(0x02e0b027u, InstructionName.Nor, "nor\ts6,s7,zero")]
    [TestCase(0x0085102au, InstructionName.Slt, "slt\tv0,a0,a1")]
    [TestCase(0x0085102bu, InstructionName.Sltu, "sltu\tv0,a0,a1")]
    [TestCase(0x0064102cu, InstructionName.Dadd, "dadd\tv0,v1,a0")]
    [TestCase(0x03a4e82du, InstructionName.Daddu, "daddu\tsp,sp,a0")]
    [TestCase(0x00a0202du, InstructionName.Daddu, "move\ta0,a1")]
    [TestCase(0x0064102eu, InstructionName.Dsub, "dsub\tv0,v1,a0")]
    [TestCase(0x0064102fu, InstructionName.Dsubu, "dsubu\tv0,v1,a0")]
    [TestCase(0x0004102fu, InstructionName.Dsubu, "dnegu\tv0,a0")]
    [TestCase(0x0064100au, InstructionName.Movz, "movz\tv0,v1,a0")]
    [TestCase(0x0064100bu, InstructionName.Movn, "movn\tv0,v1,a0")]
    [TestCase(0x2062ffffu, InstructionName.Addi, "addi\tv0,v1,-1")]
    [TestCase(0x27bdffe0u, InstructionName.Addiu, "addiu\tsp,sp,-32")]
    [TestCase(0x24020064u, InstructionName.Addiu, "li\tv0,100")]
    [TestCase(0x2862fffbu, InstructionName.Slti, "slti\tv0,v1,-5")]
    [TestCase(0x2c620001u, InstructionName.Sltiu, "sltiu\tv0,v1,1")]
    [TestCase(0x306200ffu, InstructionName.Andi, "andi\tv0,v1,0xff")]
    [TestCase(0x34628000u, InstructionName.Ori, "ori\tv0,v1,0x8000")]
    [TestCase(0x34021234u, InstructionName.Ori, "li\tv0,0x1234")]
    [TestCase(0x3862ffffu, InstructionName.Xori, "xori\tv0,v1,0xffff")]
    [TestCase(0x3c028020u, InstructionName.Lui, "lui\tv0,0x8020")]
    [TestCase(0x60627fffu, InstructionName.Daddi, "daddi\tv0,v1,32767")]
    [TestCase(0x64628000u, InstructionName.Daddiu, "daddiu\tv0,v1,-32768")]
    [TestCase(0x64020005u, InstructionName.Daddiu, "daddiu\tv0,zero,5")]
    [TestCase(0x00601001u, InstructionName.Movf, "movf\tv0,v1,$fcc0")]
    [TestCase(0x00751001u, InstructionName.Movt, "movt\tv0,v1,$fcc5")]
    public void Decodes(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.Alu, text);

    [TestCase(0x00641020u, 3, 4, 2, 0, Description = "add v0,v1,a0")]
    [TestCase(0x03a4e82du, 29, 4, 29, 0, Description = "daddu sp,sp,a0")]
    [TestCase(0x02f8b027u, 23, 24, 22, 0, Description = "nor s6,s7,t8")]
    [TestCase(0x00751001u, 3, 21, 2, 0, Description = "movt v0,v1,$fcc5")]
    public void RegisterFields(uint word, int rs, int rt, int rd, int sa) =>
        DecodingAssert.HasFields(word, rs, rt, rd, sa);

    [TestCase(0x27bdffe0u, 29, 29, -32, 0xffe0, Description = "addiu sp,sp,-32")]
    [TestCase(0x34628000u, 3, 2, -32768, 0x8000, Description = "ori v0,v1,0x8000")]
    [TestCase(0x60627fffu, 3, 2, 32767, 0x7fff, Description = "daddi v0,v1,32767")]
    [TestCase(0x3c028020u, 0, 2, -32736, 0x8020, Description = "lui v0,0x8020")]
    public void ImmediateFields(uint word, int rs, int rt, int immediate, int unsignedImmediate)
    {
        DecodedInstruction instruction = Decoder.Loongson3.Decode(word);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(instruction.Rs, Is.EqualTo(rs));
            Assert.That(instruction.Rt, Is.EqualTo(rt));
            Assert.That((int)instruction.Immediate, Is.EqualTo(immediate));
            Assert.That((int)instruction.UnsignedImmediate, Is.EqualTo(unsignedImmediate));
        }
    }

    [TestCase(0x00641020u, InstructionFlags.ReadsRs | InstructionFlags.ReadsRt | InstructionFlags.WritesRd | InstructionFlags.MayTrap, Description = "add v0,v1,a0")]
    [TestCase(0x00641021u, InstructionFlags.ReadsRs | InstructionFlags.ReadsRt | InstructionFlags.WritesRd, Description = "addu v0,v1,a0")]
    [TestCase(0x0064100au, InstructionFlags.ReadsRs | InstructionFlags.ReadsRt | InstructionFlags.ReadsRd | InstructionFlags.WritesRd, Description = "movz v0,v1,a0")]
    [TestCase(0x2062ffffu, InstructionFlags.ReadsRs | InstructionFlags.WritesRt | InstructionFlags.MayTrap, Description = "addi v0,v1,-1")]
    [TestCase(0x3c028020u, InstructionFlags.WritesRt, Description = "lui v0,0x8020")]
    [TestCase(0x00751001u, InstructionFlags.ReadsRs | InstructionFlags.ReadsRd | InstructionFlags.WritesRd | InstructionFlags.NeedsFpu, Description = "movt v0,v1,$fcc5")]
    public void Flags(uint word, InstructionFlags flags) =>
        Assert.That(Decoder.Loongson3.Decode(word).Flags, Is.EqualTo(flags));
}
