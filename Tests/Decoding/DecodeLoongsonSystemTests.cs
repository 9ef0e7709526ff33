using LoongsonDbt.Translator.Decoding;

namespace LoongsonDbt.Tests.Decoding;

/// <summary>
/// The Loongson system operations in the LWC2 funct 0x18 space (ISA.md 2.2): sa selects the family,
/// rt the CSR operation. binutils knows none of them and prints plain lwc2; the base words are
/// ISA.md's, the others add rs and rd.
/// </summary>
[TestFixture]
public class DecodeLoongsonSystemTests
{
    [TestCase(0xc8000118u, InstructionName.Rdcsr, "lwc2\t$0,280(zero)")]
    [TestCase(0xc8801118u, InstructionName.Rdcsr, "lwc2\t$0,4376(a0)")]
    [TestCase(0xc8010118u, InstructionName.Wrcsr, "lwc2\t$1,280(zero)")]
    [TestCase(0xc8a11918u, InstructionName.Wrcsr, "lwc2\t$1,6424(a1)")]
    [TestCase(0xc8020118u, InstructionName.Drdcsr, "lwc2\t$2,280(zero)")]
    [TestCase(0xc8e23118u, InstructionName.Drdcsr, "lwc2\t$2,12568(a3)")]
    [TestCase(0xc8030118u, InstructionName.Dwrcsr, "lwc2\t$3,280(zero)")]
    [TestCase(0xc9a36118u, InstructionName.Dwrcsr, "lwc2\t$3,24856(t1)")]
    [TestCase(0xc8080118u, InstructionName.Cpucfg, "lwc2\t$8,280(zero)")]
    [TestCase(0xc8681118u, InstructionName.Cpucfg, "lwc2\t$8,4376(v1)")]
    [TestCase(0xc8090118u, InstructionName.Rdtime, "lwc2\t$9,280(zero)")]
    [TestCase(0xc8a92118u, InstructionName.Rdtime, "lwc2\t$9,8472(a1)")]
    [TestCase(0xc8000098u, InstructionName.Lddir, "lwc2\t$0,152(zero)")]
    [TestCase(0xcb7b1898u, InstructionName.Lddir, "lwc2\t$27,6296(k1)")]
    [TestCase(0xcb7a0898u, InstructionName.Lddir, "lwc2\t$26,2200(k1)")]
    [TestCase(0xc80000d8u, InstructionName.Ldpte, "lwc2\t$0,216(zero)")]
    [TestCase(0xcb6000d8u, InstructionName.Ldpte, "lwc2\t$0,216(k1)")]
    [TestCase(0xcb6008d8u, InstructionName.Ldpte, "lwc2\t$0,2264(k1)")]
    public void Decodes(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.LoongsonSystem, text);

    [TestCase(0xc8040118u, "lwc2\t$4,280(zero)", Description = "sa 4, rt 4: no CSR operation")]
    [TestCase(0xc8100118u, "lwc2\t$16,280(zero)", Description = "sa 4, rt 16: no CSR operation")]
    [TestCase(0xc8000158u, "lwc2\t$0,344(zero)", Description = "sa 5: no family")]
    [TestCase(0xc80001d8u, "lwc2\t$0,472(zero)", Description = "sa 7: no family")]
    public void OtherFunct18WordsArePlainLwc2(uint word, string text) =>
        DecodingAssert.Decodes(word, InstructionName.Lwc2, InstructionClass.Cop2Memory, text);

    [TestCase(0xc8801118u, 4, 0, 2, 4, Description = "rdcsr v0,a0")]
    [TestCase(0xc9a36118u, 13, 3, 12, 4, Description = "dwrcsr t0,t1")]
    [TestCase(0xc8681118u, 3, 8, 2, 4, Description = "cpucfg v0,v1")]
    [TestCase(0xcb7b1898u, 27, 27, 3, 2, Description = "lddir k1,k1,3: level in rd")]
    [TestCase(0xcb6008d8u, 27, 0, 1, 3, Description = "ldpte k1,1: odd half in rd")]
    public void Fields(uint word, int rs, int rt, int rd, int sa) =>
        DecodingAssert.HasFields(word, rs, rt, rd, sa);

    [TestCase(0xc8801118u, InstructionFlags.ReadsRs | InstructionFlags.WritesRd | InstructionFlags.Privileged, Description = "rdcsr v0,a0")]
    [TestCase(0xc8a11918u, InstructionFlags.ReadsRs | InstructionFlags.ReadsRd | InstructionFlags.Privileged | InstructionFlags.EndsBlock, Description = "wrcsr v1,a1")]
    [TestCase(0xc9a36118u, InstructionFlags.ReadsRs | InstructionFlags.ReadsRd | InstructionFlags.Privileged | InstructionFlags.EndsBlock, Description = "dwrcsr t0,t1")]
    [TestCase(0xc8681118u, InstructionFlags.ReadsRs | InstructionFlags.WritesRd, Description = "cpucfg v0,v1: user mode may use it")]
    [TestCase(0xc8a92118u, InstructionFlags.WritesRd | InstructionFlags.WritesRs, Description = "rdtime v0,a1: the counter ID goes to rs")]
    [TestCase(0xcb7b1898u, InstructionFlags.ReadsRs | InstructionFlags.WritesRt | InstructionFlags.ReadsMemory | InstructionFlags.Privileged, Description = "lddir k1,k1,3: loads a directory entry")]
    [TestCase(0xcb6008d8u, InstructionFlags.ReadsRs | InstructionFlags.ReadsMemory | InstructionFlags.Privileged, Description = "ldpte k1,1: loads a PTE pair")]
    public void Flags(uint word, InstructionFlags flags) =>
        Assert.That(Decoder.Loongson3.Decode(word).Flags, Is.EqualTo(flags));
}
