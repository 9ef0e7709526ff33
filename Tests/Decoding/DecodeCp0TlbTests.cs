using LoongsonDbt.Translator.Decoding;

namespace LoongsonDbt.Tests.Decoding;

/// <summary>
/// CP0 moves with a select, shadow-register moves, DI/EI, the TLB operations, ERET/DERET, WAIT and
/// CACHE. TLBINV and TLBINVF (ISA.md 2.3) are no gs464 instructions for binutils, which prints
/// them as the generic "c0" function.
/// </summary>
[TestFixture]
public class DecodeCp0TlbTests
{
    [TestCase(0x40026000u, InstructionName.Mfc0, "mfc0\tv0,$12")]
    [TestCase(0x40028001u, InstructionName.Mfc0, "mfc0\tv0,$16,1")]
    [TestCase(0x403b4807u, InstructionName.Dmfc0, "dmfc0\tk1,$9,7")]
    [TestCase(0x40826000u, InstructionName.Mtc0, "mtc0\tv0,$12")]
    [TestCase(0x40822801u, InstructionName.Mtc0, "mtc0\tv0,$5,1")]
    [TestCase(0x40a37000u, InstructionName.Dmtc0, "dmtc0\tv1,$14")]
    [TestCase(0x40a3f802u, InstructionName.Dmtc0, "dmtc0\tv1,$31,2")]
    [TestCase(0x41431000u, InstructionName.Rdpgpr, "rdpgpr\tv0,v1")]
    [TestCase(0x41c31000u, InstructionName.Wrpgpr, "wrpgpr\tv0,v1")]
    [TestCase(0x41606000u, InstructionName.Di, "di")]
    [TestCase(0x41626000u, InstructionName.Di, "di\tv0")]
    [TestCase(0x41606020u, InstructionName.Ei, "ei")]
    [TestCase(0x41636020u, InstructionName.Ei, "ei\tv1")]
    [TestCase(0x42000018u, InstructionName.Eret, "eret")]
    [TestCase(0x4200001fu, InstructionName.Deret, "deret")]
    [TestCase(0x42000020u, InstructionName.Wait, "wait")]
    [TestCase(0x42048d20u, InstructionName.Wait, "wait\t0x1234")]
    public void Cp0(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.Cp0, text);

    [TestCase(0x42000001u, InstructionName.Tlbr, "tlbr")]
    [TestCase(0x42000002u, InstructionName.Tlbwi, "tlbwi")]
    [TestCase(0x42000006u, InstructionName.Tlbwr, "tlbwr")]
    [TestCase(0x42000008u, InstructionName.Tlbp, "tlbp")]
    [TestCase(0x42000004u, InstructionName.Tlbinvf, "c0\t0x4")]
    [TestCase(0x42000003u, InstructionName.Tlbinv, "c0\t0x3")]
    public void Tlb(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.Tlb, text);

    [TestCase(0xbc400000u, InstructionName.Cache, "cache\t0x0,0(v0)")]
    [TestCase(0xbc950040u, InstructionName.Cache, "cache\t0x15,64(a0)")]
    [TestCase(0xbc97ffe0u, InstructionName.Cache, "cache\t0x17,-32(a0)")]
    public void Cache(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.CacheMaintenance, text);

    [TestCase(0x40026000u, 2, 12, 0, Description = "mfc0 v0,$12")]
    [TestCase(0x40028001u, 2, 16, 1, Description = "mfc0 v0,$16,1")]
    [TestCase(0x403b4807u, 27, 9, 7, Description = "dmfc0 k1,$9,7")]
    [TestCase(0x40a3f802u, 3, 31, 2, Description = "dmtc0 v1,$31,2")]
    public void RegisterAndSelect(uint word, int rt, int register, int select) =>
        DecodingAssert.HasCp0Operands(word, rt, register, select);

    [TestCase(0xbc950040u, 4, 0x15, 64, Description = "cache 0x15,64(a0)")]
    [TestCase(0xbc97ffe0u, 4, 0x17, -32, Description = "cache 0x17,-32(a0)")]
    public void CacheOperation(uint word, int baseRegister, int operation, int offset)
    {
        DecodedInstruction instruction = Decoder.Loongson3.Decode(word);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(instruction.Base, Is.EqualTo(baseRegister));
            Assert.That(instruction.Rt, Is.EqualTo(operation));
            Assert.That((int)instruction.Immediate, Is.EqualTo(offset));
        }
    }

    [TestCase(0x40028001u, InstructionFlags.WritesRt | InstructionFlags.Privileged, Description = "mfc0 v0,$16,1")]
    [TestCase(0x40a37000u, InstructionFlags.ReadsRt | InstructionFlags.Privileged | InstructionFlags.EndsBlock, Description = "dmtc0 v1,$14")]
    [TestCase(0x42000002u, InstructionFlags.Privileged | InstructionFlags.EndsBlock, Description = "tlbwi")]
    [TestCase(0x42000008u, InstructionFlags.Privileged, Description = "tlbp")]
    [TestCase(0x42000004u, InstructionFlags.Privileged | InstructionFlags.EndsBlock, Description = "tlbinvf")]
    [TestCase(0x42000018u, InstructionFlags.Privileged | InstructionFlags.UnconditionalJump | InstructionFlags.EndsBlock, Description = "eret: no delay slot")]
    [TestCase(0x42000020u, InstructionFlags.Privileged | InstructionFlags.EndsBlock, Description = "wait")]
    [TestCase(0xbc950040u, InstructionFlags.ReadsRs | InstructionFlags.Privileged | InstructionFlags.EndsBlock, Description = "cache 0x15,64(a0)")]
    public void Flags(uint word, InstructionFlags flags) =>
        Assert.That(Decoder.Loongson3.Decode(word).Flags, Is.EqualTo(flags));
}
