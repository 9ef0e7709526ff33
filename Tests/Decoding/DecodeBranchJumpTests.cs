using LoongsonDbt.Translator.Decoding;

namespace LoongsonDbt.Tests.Decoding;

/// <summary>
/// PC-relative branches (normal, likely, and-link) and jumps (absolute, register, hazard-barrier),
/// with objdump's b/bal/beqz/bnez aliases; every instruction sits at <see cref="DecodingAssert.Pc"/>.
/// </summary>
[TestFixture]
public class DecodeBranchJumpTests
{
    [TestCase(0x1043000fu, InstructionName.Beq, "beq\tv0,v1,0xffffffff80200040")]
    [TestCase(0x1000fffeu, InstructionName.Beq, "b\t0xffffffff801ffffc")]
    [TestCase(0x10400001u, InstructionName.Beq, "beqz\tv0,0xffffffff80200008")]
    [TestCase(0x1443ffbfu, InstructionName.Bne, "bne\tv0,v1,0xffffffff801fff00")]
    [TestCase(0x14407fffu, InstructionName.Bne, "bnez\tv0,0xffffffff80220000")]
    [TestCase(0x18400002u, InstructionName.Blez, "blez\tv0,0xffffffff8020000c")]
    [TestCase(0x1c400003u, InstructionName.Bgtz, "bgtz\tv0,0xffffffff80200010")]
    [TestCase(0x50430004u, InstructionName.Beql, "beql\tv0,v1,0xffffffff80200014")]
    [TestCase(0x54400005u, InstructionName.Bnel, "bnezl\tv0,0xffffffff80200018")]
    [TestCase(0x58400006u, InstructionName.Blezl, "blezl\tv0,0xffffffff8020001c")]
    [TestCase(0x5c400007u, InstructionName.Bgtzl, "bgtzl\tv0,0xffffffff80200020")]
    [TestCase(0x04400008u, InstructionName.Bltz, "bltz\tv0,0xffffffff80200024")]
    [TestCase(0x04410009u, InstructionName.Bgez, "bgez\tv0,0xffffffff80200028")]
    [TestCase(0x0401000au, InstructionName.Bgez, "b\t0xffffffff8020002c")]
    [TestCase(0x0442000bu, InstructionName.Bltzl, "bltzl\tv0,0xffffffff80200030")]
    [TestCase(0x0443000cu, InstructionName.Bgezl, "bgezl\tv0,0xffffffff80200034")]
    [TestCase(0x0450000du, InstructionName.Bltzal, "bltzal\tv0,0xffffffff80200038")]
    [TestCase(0x0451000eu, InstructionName.Bgezal, "bgezal\tv0,0xffffffff8020003c")]
    [TestCase(0x0411000fu, InstructionName.Bgezal, "bal\t0xffffffff80200040")]
    [TestCase(0x04520010u, InstructionName.Bltzall, "bltzall\tv0,0xffffffff80200044")]
    [TestCase(0x04530011u, InstructionName.Bgezall, "bgezall\tv0,0xffffffff80200048")]
    public void Branches(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.Branch, text);

    [TestCase(0x08080400u, InstructionName.J, "j\t0xffffffff80201000")]
    [TestCase(0x0fffc000u, InstructionName.Jal, "jal\t0xffffffff8fff0000")]
    [TestCase(0x740c0000u, InstructionName.Jalx, "jalx\t0xffffffff80300001")]
    [TestCase(0x03e00008u, InstructionName.Jr, "jr\tra")]
    [TestCase(0x03200408u, InstructionName.Jr_Hb, "jr.hb\tt9")]
    [TestCase(0x0320f809u, InstructionName.Jalr, "jalr\tt9")]
    [TestCase(0x03201009u, InstructionName.Jalr, "jalr\tv0,t9")]
    [TestCase(0x0320fc09u, InstructionName.Jalr_Hb, "jalr.hb\tt9")]
    [TestCase(0x00a02409u, InstructionName.Jalr_Hb, "jalr.hb\ta0,a1")]
    public void Jumps(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.Jump, text);

    [TestCase(0x1043000fu, 0xFFFF_FFFF_8020_0040ul, Description = "beq v0,v1,.+0x40")]
    [TestCase(0x1000fffeu, 0xFFFF_FFFF_801F_FFFCul, Description = "b .-4")]
    [TestCase(0x1443ffbfu, 0xFFFF_FFFF_801F_FF00ul, Description = "bne v0,v1,.-0x100")]
    [TestCase(0x14407fffu, 0xFFFF_FFFF_8022_0000ul, Description = "bnez v0,.+0x20000 (largest forward offset)")]
    [TestCase(0x14408000u, 0xFFFF_FFFF_801E_0004ul, Description = "bnez v0,.-0x1fffc (largest backward offset)")]
    public void BranchTarget(uint word, ulong target) =>
        Assert.That(Decoder.Loongson3.Decode(word).BranchTarget(DecodingAssert.Pc), Is.EqualTo(target));

    [TestCase(0x08080400u, 0xFFFF_FFFF_8020_0000ul, 0xFFFF_FFFF_8020_1000ul, Description = "j 0xffffffff80201000")]
    [TestCase(0x0fffc000u, 0xFFFF_FFFF_8020_0000ul, 0xFFFF_FFFF_8FFF_0000ul, Description = "jal 0xffffffff8fff0000")]
    [TestCase(0x08000010u, 0xFFFF_FFFF_8FFF_FFFCul, 0xFFFF_FFFF_9000_0040ul, Description = "j at the end of a 256 MiB region uses the delay slot's region")]
    public void JumpTarget(uint word, ulong pc, ulong target) =>
        Assert.That(Decoder.Loongson3.Decode(word).JumpTarget(pc), Is.EqualTo(target));

    [Test]
    public void JumpAtTheEndOfARegionPrintsTheTargetInTheNextRegion() =>
        DecodingAssert.Decodes(0x08000010u, InstructionName.J, InstructionClass.Jump, "j\t0xffffffff90000040", 0xFFFF_FFFF_8FFF_FFFC);

    private const InstructionFlags Conditional = InstructionFlags.ConditionalBranch | InstructionFlags.DelaySlot;
    private const InstructionFlags Jump = InstructionFlags.UnconditionalJump | InstructionFlags.DelaySlot;

    [TestCase(0x1043000fu, Conditional | InstructionFlags.ReadsRs | InstructionFlags.ReadsRt, Description = "beq v0,v1")]
    [TestCase(0x18400002u, Conditional | InstructionFlags.ReadsRs, Description = "blez v0")]
    [TestCase(0x50430004u, Conditional | InstructionFlags.ReadsRs | InstructionFlags.ReadsRt | InstructionFlags.Likely, Description = "beql v0,v1")]
    [TestCase(0x5c400007u, Conditional | InstructionFlags.ReadsRs | InstructionFlags.Likely, Description = "bgtzl v0")]
    [TestCase(0x0443000cu, Conditional | InstructionFlags.ReadsRs | InstructionFlags.Likely, Description = "bgezl v0")]
    [TestCase(0x0451000eu, Conditional | InstructionFlags.ReadsRs | InstructionFlags.WritesRa, Description = "bgezal v0")]
    [TestCase(0x04520010u, Conditional | InstructionFlags.ReadsRs | InstructionFlags.WritesRa | InstructionFlags.Likely, Description = "bltzall v0")]
    [TestCase(0x08080400u, Jump, Description = "j")]
    [TestCase(0x0fffc000u, Jump | InstructionFlags.WritesRa, Description = "jal")]
    [TestCase(0x740c0000u, Jump | InstructionFlags.WritesRa, Description = "jalx")]
    [TestCase(0x03e00008u, Jump | InstructionFlags.ReadsRs, Description = "jr ra")]
    [TestCase(0x03200408u, Jump | InstructionFlags.ReadsRs, Description = "jr.hb t9")]
    [TestCase(0x0320f809u, Jump | InstructionFlags.ReadsRs | InstructionFlags.WritesRd, Description = "jalr t9")]
    [TestCase(0x00a02409u, Jump | InstructionFlags.ReadsRs | InstructionFlags.WritesRd, Description = "jalr.hb a0,a1")]
    public void Flags(uint word, InstructionFlags flags)
    {
        DecodedInstruction instruction = Decoder.Loongson3.Decode(word);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(instruction.Flags, Is.EqualTo(flags));
            Assert.That(instruction.HasDelaySlot, Is.True);
        }
    }

    [TestCase(0x0320f809u, 25, 31, Description = "jalr t9: rd defaults to ra")]
    [TestCase(0x03201009u, 25, 2, Description = "jalr v0,t9")]
    [TestCase(0x00a02409u, 5, 4, Description = "jalr.hb a0,a1")]
    public void LinkRegister(uint word, int rs, int rd)
    {
        DecodedInstruction instruction = Decoder.Loongson3.Decode(word);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(instruction.Rs, Is.EqualTo(rs));
            Assert.That(instruction.Rd, Is.EqualTo(rd));
        }
    }
}
