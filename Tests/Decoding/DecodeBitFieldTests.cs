using LoongsonDbt.Translator.Decoding;

namespace LoongsonDbt.Tests.Decoding;

/// <summary>
/// SPECIAL3 bit-field extract/insert (objdump folds DEXTM/DEXTU and DINSM/DINSU into dext/dins),
/// byte swaps and sign extensions, SPECIAL2 count-leading, and RDHWR.
/// </summary>
[TestFixture]
public class DecodeBitFieldTests
{
    [TestCase(0x7c623900u, InstructionName.Ext, "ext\tv0,v1,0x4,0x8")]
    [TestCase(0x7c62f800u, InstructionName.Ext, "ext\tv0,v1,0x0,0x20")]
    [TestCase(0x7c62f801u, InstructionName.Dextm, "dext\tv0,v1,0x0,0x40")]
    [TestCase(0x7c62f8c3u, InstructionName.Dext, "dext\tv0,v1,0x3,0x20")]
    [TestCase(0x7c6218c2u, InstructionName.Dextu, "dext\tv0,v1,0x23,0x4")]
    [TestCase(0x7c627803u, InstructionName.Dext, "dext\tv0,v1,0x0,0x10")]
    [TestCase(0x7c625904u, InstructionName.Ins, "ins\tv0,v1,0x4,0x8")]
    [TestCase(0x7c62ffc4u, InstructionName.Ins, "ins\tv0,v1,0x1f,0x1")]
    [TestCase(0x7c62f805u, InstructionName.Dinsm, "dins\tv0,v1,0x0,0x40")]
    [TestCase(0x7c627a06u, InstructionName.Dinsu, "dins\tv0,v1,0x28,0x8")]
    [TestCase(0x7c6258c7u, InstructionName.Dins, "dins\tv0,v1,0x3,0x9")]
    [TestCase(0x7c628405u, InstructionName.Dinsm, "dins\tv0,v1,0x10,0x21")]
    [TestCase(0x7c0310a0u, InstructionName.Wsbh, "wsbh\tv0,v1")]
    [TestCase(0x7c031420u, InstructionName.Seb, "seb\tv0,v1")]
    [TestCase(0x7c031620u, InstructionName.Seh, "seh\tv0,v1")]
    [TestCase(0x7c0310a4u, InstructionName.Dsbh, "dsbh\tv0,v1")]
    [TestCase(0x7c031164u, InstructionName.Dshd, "dshd\tv0,v1")]
    [TestCase(0x70621020u, InstructionName.Clz, "clz\tv0,v1")]
    [TestCase(0x70621021u, InstructionName.Clo, "clo\tv0,v1")]
    [TestCase(0x70621024u, InstructionName.Dclz, "dclz\tv0,v1")]
    [TestCase(0x70621025u, InstructionName.Dclo, "dclo\tv0,v1")]
    [TestCase(0x70431020u, InstructionName.Clz, "clz\tv0 or v1,v0", Description = "rd and rt differ: objdump names both")]
    public void Decodes(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.BitField, text);

    [TestCase(0x7c03e83bu, InstructionName.Rdhwr, "rdhwr\tv1,$29")]
    [TestCase(0x7c02103bu, InstructionName.Rdhwr, "rdhwr\tv0,$2")]
    [TestCase(0x7c04083bu, InstructionName.Rdhwr, "rdhwr\ta0,$1")]
    public void ReadHardwareRegister(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.System, text);

    [TestCase(0x7c623900u, 3, 2, 7, 4, Description = "ext v0,v1,0x4,0x8: msbd 7, lsb 4")]
    [TestCase(0x7c6218c2u, 3, 2, 3, 3, Description = "dext v0,v1,0x23,0x4 (dextu): msbd 3, lsb 35-32")]
    [TestCase(0x7c627a06u, 3, 2, 15, 8, Description = "dins v0,v1,0x28,0x8 (dinsu): msb 47-32, lsb 40-32")]
    [TestCase(0x7c628405u, 3, 2, 16, 16, Description = "dins v0,v1,0x10,0x21 (dinsm): msb 48-32, lsb 16")]
    [TestCase(0x7c03e83bu, 0, 3, 29, 0, Description = "rdhwr v1,$29 (ISA.md 1.4 busybox word)")]
    public void Fields(uint word, int rs, int rt, int rd, int sa) =>
        DecodingAssert.HasFields(word, rs, rt, rd, sa);

    [TestCase(0x7c623900u, InstructionFlags.ReadsRs | InstructionFlags.WritesRt, Description = "ext v0,v1,0x4,0x8")]
    [TestCase(0x7c625904u, InstructionFlags.ReadsRs | InstructionFlags.ReadsRt | InstructionFlags.WritesRt, Description = "ins v0,v1,0x4,0x8: merges into rt")]
    [TestCase(0x7c0310a0u, InstructionFlags.ReadsRt | InstructionFlags.WritesRd, Description = "wsbh v0,v1")]
    [TestCase(0x70621020u, InstructionFlags.ReadsRs | InstructionFlags.WritesRd, Description = "clz v0,v1")]
    [TestCase(0x7c03e83bu, InstructionFlags.WritesRt | InstructionFlags.MayTrap, Description = "rdhwr v1,$29")]
    public void Flags(uint word, InstructionFlags flags) =>
        Assert.That(Decoder.Loongson3.Decode(word).Flags, Is.EqualTo(flags));
}
