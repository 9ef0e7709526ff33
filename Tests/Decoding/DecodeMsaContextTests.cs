using LoongsonDbt.Translator.Decoding;

namespace LoongsonDbt.Tests.Decoding;

/// <summary>
/// The MSA subset of the kernel's vector context switch (ISA.md 2.5): vector loads and stores with
/// element-scaled offsets, element insert/copy, and the MSA control moves. The fields sit where MSA
/// puts them: wd in bits 10:6, the GPR base or source in bits 15:11.
/// </summary>
[TestFixture]
public class DecodeMsaContextTests
{
    [TestCase(0x78000820u, InstructionName.Ld_B, "ld.b\t$w0,0(at)")]
    [TestCase(0x7bff1061u, InstructionName.Ld_H, "ld.h\t$w1,-2(v0)")]
    [TestCase(0x780118a2u, InstructionName.Ld_W, "ld.w\t$w2,4(v1)")]
    [TestCase(0x78000823u, InstructionName.Ld_D, "ld.d\t$w0,0(at)")]
    [TestCase(0x79ffefe3u, InstructionName.Ld_D, "ld.d\t$w31,4088(sp)")]
    [TestCase(0x7a002163u, InstructionName.Ld_D, "ld.d\t$w5,-4096(a0)")]
    [TestCase(0x79ff0824u, InstructionName.St_B, "st.b\t$w0,511(at)")]
    [TestCase(0x7a001065u, InstructionName.St_H, "st.h\t$w1,-1024(v0)")]
    [TestCase(0x79ff18a6u, InstructionName.St_W, "st.w\t$w2,2044(v1)")]
    [TestCase(0x7bffefe7u, InstructionName.St_D, "st.d\t$w31,-8(sp)")]
    [TestCase(0x790f1059u, InstructionName.Insert_B, "insert.b\t$w1[15],v0")]
    [TestCase(0x79271899u, InstructionName.Insert_H, "insert.h\t$w2[7],v1")]
    [TestCase(0x793320d9u, InstructionName.Insert_W, "insert.w\t$w3[3],a0")]
    [TestCase(0x79390819u, InstructionName.Insert_D, "insert.d\t$w0[1],at")]
    [TestCase(0x79382919u, InstructionName.Insert_D, "insert.d\t$w4[0],a1")]
    [TestCase(0x788f0899u, InstructionName.Copy_S_B, "copy_s.b\tv0,$w1[15]")]
    [TestCase(0x78a010d9u, InstructionName.Copy_S_H, "copy_s.h\tv1,$w2[0]")]
    [TestCase(0x78b21919u, InstructionName.Copy_S_W, "copy_s.w\ta0,$w3[2]")]
    [TestCase(0x78b90059u, InstructionName.Copy_S_D, "copy_s.d\tat,$w0[1]")]
    [TestCase(0x783e1859u, InstructionName.Ctcmsa, "ctcmsa\tmsa_csr,v1")]
    [TestCase(0x783e2019u, InstructionName.Ctcmsa, "ctcmsa\tmsa_ir,a0")]
    [TestCase(0x787e0899u, InstructionName.Cfcmsa, "cfcmsa\tv0,msa_csr")]
    [TestCase(0x787e38d9u, InstructionName.Cfcmsa, "cfcmsa\tv1,msa_unmap")]
    public void Decodes(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.Msa, text);

    [TestCase(0x78000823u, 0, 1, 0, Description = "ld.d $w0,0(at) (ISA.md kernel word)")]
    [TestCase(0x79ffefe3u, 31, 29, 0x1ff, Description = "ld.d $w31,4088(sp): offset 511 doublewords")]
    [TestCase(0x7a002163u, 5, 4, 0x200, Description = "ld.d $w5,-4096(a0): offset -512 doublewords")]
    [TestCase(0x7bffefe7u, 31, 29, 0x3ff, Description = "st.d $w31,-8(sp)")]
    public void VectorMemoryFields(uint word, int wd, int baseRegister, int offsetField)
    {
        DecodedInstruction instruction = Decoder.Loongson3.Decode(word);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(instruction.Sa, Is.EqualTo(wd), "wd");
            Assert.That(instruction.Rd, Is.EqualTo(baseRegister), "base");
            Assert.That((int)(instruction.Word >> 16) & 0x3FF, Is.EqualTo(offsetField), "s10");
        }
    }

    [TestCase(0x79390819u, 1, 0, Description = "insert.d $w0[1],at (ISA.md kernel word): rs in 15:11, wd in 10:6")]
    [TestCase(0x78b90059u, 0, 1, Description = "copy_s.d at,$w0[1] (ISA.md kernel word): ws in 15:11, rd in 10:6")]
    [TestCase(0x783e1859u, 3, 1, Description = "ctcmsa msa_csr,v1 (ISA.md kernel word): rs in 15:11, cd in 10:6")]
    [TestCase(0x787e0899u, 1, 2, Description = "cfcmsa v0,msa_csr: cs in 15:11, rd in 10:6")]
    public void ElementAndControlFields(uint word, int bits15To11, int bits10To6)
    {
        DecodedInstruction instruction = Decoder.Loongson3.Decode(word);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(instruction.Rd, Is.EqualTo(bits15To11));
            Assert.That(instruction.Sa, Is.EqualTo(bits10To6));
        }
    }

    [TestCase(0x78000823u, InstructionFlags.ReadsRd | InstructionFlags.ReadsMemory | InstructionFlags.OtherGprs, Description = "ld.d $w0,0(at)")]
    [TestCase(0x7bffefe7u, InstructionFlags.ReadsRd | InstructionFlags.WritesMemory | InstructionFlags.OtherGprs, Description = "st.d $w31,-8(sp)")]
    [TestCase(0x79390819u, InstructionFlags.ReadsRd | InstructionFlags.OtherGprs, Description = "insert.d $w0[1],at")]
    [TestCase(0x78b90059u, InstructionFlags.OtherGprs, Description = "copy_s.d at,$w0[1]")]
    [TestCase(0x783e1859u, InstructionFlags.ReadsRd | InstructionFlags.OtherGprs | InstructionFlags.EndsBlock, Description = "ctcmsa msa_csr,v1")]
    public void Flags(uint word, InstructionFlags flags) =>
        Assert.That(Decoder.Loongson3.Decode(word).Flags, Is.EqualTo(flags));
}
