using LoongsonDbt.Translator.Decoding;

namespace LoongsonDbt.Tests.Decoding;

/// <summary>
/// Loongson LEXT multiply/divide/modulo into a GPR (ISA.md 2.1), the EXT quad, FPR left/right,
/// bounded and indexed loads and stores in the LWC2/SWC2/LDC2/SDC2 space (ISA.md 2.7), and CAM.
/// Words assembled with GNU as -march=gs464 -mloongson-ext -mloongson-cam.
/// </summary>
[TestFixture]
public class DecodeLoongsonExtTests
{
    [TestCase(0x70641010u, InstructionName.Gsmult, "gsmult\tv0,v1,a0")]
    [TestCase(0x70641011u, InstructionName.Gsdmult, "gsdmult\tv0,v1,a0")]
    [TestCase(0x70641012u, InstructionName.Gsmultu, "gsmultu\tv0,v1,a0")]
    [TestCase(0x70852013u, InstructionName.Gsdmultu, "gsdmultu\ta0,a0,a1")]
    [TestCase(0x70641014u, InstructionName.Gsdiv, "gsdiv\tv0,v1,a0")]
    [TestCase(0x70641015u, InstructionName.Gsddiv, "gsddiv\tv0,v1,a0")]
    [TestCase(0x70641016u, InstructionName.Gsdivu, "gsdivu\tv0,v1,a0")]
    [TestCase(0x70641017u, InstructionName.Gsddivu, "gsddivu\tv0,v1,a0")]
    [TestCase(0x7064101cu, InstructionName.Gsmod, "gsmod\tv0,v1,a0")]
    [TestCase(0x7064101du, InstructionName.Gsdmod, "gsdmod\tv0,v1,a0")]
    [TestCase(0x7064101eu, InstructionName.Gsmodu, "gsmodu\tv0,v1,a0")]
    [TestCase(0x7064101fu, InstructionName.Gsdmodu, "gsdmodu\tv0,v1,a0")]
    public void MultiplyDivide(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.LoongsonMulDiv, text);

    [TestCase(0x70430026u, InstructionName.Gsle, "gsle\tv0,v1")]
    [TestCase(0x70430027u, InstructionName.Gsgt, "gsgt\tv0,v1")]
    public void BoundsTraps(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.Trap, text);

    [TestCase(0xc8837fa2u, InstructionName.Gslq, "gslq\tv0,v1,-32(a0)")]
    [TestCase(0xe8833fe2u, InstructionName.Gssq, "gssq\tv0,v1,4080(a0)")]
    [TestCase(0xc8838062u, InstructionName.Gslqc1, "gslqc1\t$f2,$f3,16(a0)")]
    [TestCase(0xe88380e2u, InstructionName.Gssqc1, "gssqc1\t$f2,$f3,48(a0)")]
    [TestCase(0xc8823f44u, InstructionName.Gslwlc1, "gslwlc1\t$f2,-3(a0)")]
    [TestCase(0xc8821fc5u, InstructionName.Gslwrc1, "gslwrc1\t$f2,127(a0)")]
    [TestCase(0xc8a42006u, InstructionName.Gsldlc1, "gsldlc1\t$f4,-128(a1)")]
    [TestCase(0xc8a40007u, InstructionName.Gsldrc1, "gsldrc1\t$f4,0(a1)")]
    [TestCase(0xe8820044u, InstructionName.Gsswlc1, "gsswlc1\t$f2,1(a0)")]
    [TestCase(0xe8820085u, InstructionName.Gsswrc1, "gsswrc1\t$f2,2(a0)")]
    [TestCase(0xe88200c6u, InstructionName.Gssdlc1, "gssdlc1\t$f2,3(a0)")]
    [TestCase(0xe8820107u, InstructionName.Gssdrc1, "gssdrc1\t$f2,4(a0)")]
    [TestCase(0xc8622010u, InstructionName.Gslble, "gslble\tv0,v1,a0")]
    [TestCase(0xc8622011u, InstructionName.Gslbgt, "gslbgt\tv0,v1,a0")]
    [TestCase(0xc8622012u, InstructionName.Gslhle, "gslhle\tv0,v1,a0")]
    [TestCase(0xc8622013u, InstructionName.Gslhgt, "gslhgt\tv0,v1,a0")]
    [TestCase(0xc8622014u, InstructionName.Gslwle, "gslwle\tv0,v1,a0")]
    [TestCase(0xc8622015u, InstructionName.Gslwgt, "gslwgt\tv0,v1,a0")]
    [TestCase(0xc8622016u, InstructionName.Gsldle, "gsldle\tv0,v1,a0")]
    [TestCase(0xc8622017u, InstructionName.Gsldgt, "gsldgt\tv0,v1,a0")]
    [TestCase(0xc8622018u, InstructionName.Gslwlec1, "gslwlec1\t$f2,v1,a0")]
    [TestCase(0xc8622019u, InstructionName.Gslwgtc1, "gslwgtc1\t$f2,v1,a0")]
    [TestCase(0xc862201au, InstructionName.Gsldlec1, "gsldlec1\t$f2,v1,a0")]
    [TestCase(0xc862201bu, InstructionName.Gsldgtc1, "gsldgtc1\t$f2,v1,a0")]
    [TestCase(0xe8622010u, InstructionName.Gssble, "gssble\tv0,v1,a0")]
    [TestCase(0xe8622011u, InstructionName.Gssbgt, "gssbgt\tv0,v1,a0")]
    [TestCase(0xe8622012u, InstructionName.Gsshle, "gsshle\tv0,v1,a0")]
    [TestCase(0xe8622013u, InstructionName.Gsshgt, "gsshgt\tv0,v1,a0")]
    [TestCase(0xe8622014u, InstructionName.Gsswle, "gsswle\tv0,v1,a0")]
    [TestCase(0xe8622015u, InstructionName.Gsswgt, "gsswgt\tv0,v1,a0")]
    [TestCase(0xe8622016u, InstructionName.Gssdle, "gssdle\tv0,v1,a0")]
    [TestCase(0xe8622017u, InstructionName.Gssdgt, "gssdgt\tv0,v1,a0")]
    [TestCase(0xe862201cu, InstructionName.Gsswlec1, "gsswlec1\t$f2,v1,a0")]
    [TestCase(0xe862201du, InstructionName.Gsswgtc1, "gsswgtc1\t$f2,v1,a0")]
    [TestCase(0xe862201eu, InstructionName.Gssdlec1, "gssdlec1\t$f2,v1,a0")]
    [TestCase(0xe862201fu, InstructionName.Gssdgtc1, "gssdgtc1\t$f2,v1,a0")]
    [TestCase(0xd8622000u, InstructionName.Gslbx, "gslbx\tv0,0(v1,a0)")]
    [TestCase(0xd86227f9u, InstructionName.Gslhx, "gslhx\tv0,-1(v1,a0)")]
    [TestCase(0xd86223fau, InstructionName.Gslwx, "gslwx\tv0,127(v1,a0)")]
    [TestCase(0xd8622083u, InstructionName.Gsldx, "gsldx\tv0,16(v1,a0)")]
    [TestCase(0xd8622406u, InstructionName.Gslwxc1, "gslwxc1\t$f2,-128(v1,a0)")]
    [TestCase(0xd8622047u, InstructionName.Gsldxc1, "gsldxc1\t$f2,8(v1,a0)")]
    [TestCase(0xf8622000u, InstructionName.Gssbx, "gssbx\tv0,0(v1,a0)")]
    [TestCase(0xf8622011u, InstructionName.Gsshx, "gsshx\tv0,2(v1,a0)")]
    [TestCase(0xf8622022u, InstructionName.Gsswx, "gsswx\tv0,4(v1,a0)")]
    [TestCase(0xf8622043u, InstructionName.Gssdx, "gssdx\tv0,8(v1,a0)")]
    [TestCase(0xf8622066u, InstructionName.Gsswxc1, "gsswxc1\t$f2,12(v1,a0)")]
    [TestCase(0xf86227c7u, InstructionName.Gssdxc1, "gssdxc1\t$f2,-8(v1,a0)")]
    public void LoadsAndStores(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.LoongsonMemory, text);

    [TestCase(0x70601035u, InstructionName.Campv, "campv\tv0,v1")]
    [TestCase(0x70601075u, InstructionName.Campi, "campi\tv0,v1")]
    [TestCase(0x706410b5u, InstructionName.Camwi, "camwi\tv0,v1,a0")]
    [TestCase(0x706010f5u, InstructionName.Ramri, "ramri\tv0,v1")]
    public void Cam(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.LoongsonCam, text);

    [TestCase(0x70852013u, 4, 5, 4, 0, Description = "gsdmultu a0,a0,a1 (ISA.md 2.1 kernel word)")]
    [TestCase(0x7064101fu, 3, 4, 2, 0, Description = "gsdmodu v0,v1,a0")]
    [TestCase(0xc8622010u, 3, 2, 4, 0, Description = "gslble v0,v1,a0: base rs, bound rd")]
    public void Fields(uint word, int rs, int rt, int rd, int sa) =>
        DecodingAssert.HasFields(word, rs, rt, rd, sa);

    [TestCase(0xd8622083u, 3, 2, 4, 16, Description = "gsldx v0,16(v1,a0): base rs, index rd, offset in bits 10:3")]
    [TestCase(0xd86227f9u, 3, 2, 4, -1, Description = "gslhx v0,-1(v1,a0)")]
    [TestCase(0xd8622406u, 3, 2, 4, -128, Description = "gslwxc1 $f2,-128(v1,a0)")]
    public void IndexedFields(uint word, int baseRegister, int rt, int index, int offset)
    {
        DecodedInstruction instruction = Decoder.Loongson3.Decode(word);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(instruction.Base, Is.EqualTo(baseRegister));
            Assert.That(instruction.Rt, Is.EqualTo(rt));
            Assert.That(instruction.Rd, Is.EqualTo(index));
            Assert.That((int)(sbyte)(instruction.Word >> 3), Is.EqualTo(offset));
        }
    }

    [TestCase(0xc8837fa2u, 4, 3, 2, Description = "gslq v0,v1,-32(a0): rq in bits 4:0")]
    [TestCase(0xe88380e2u, 4, 3, 2, Description = "gssqc1 $f2,$f3,48(a0)")]
    public void QuadRegisterFields(uint word, int baseRegister, int rt, int quadRegister)
    {
        DecodedInstruction instruction = Decoder.Loongson3.Decode(word);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(instruction.Base, Is.EqualTo(baseRegister));
            Assert.That(instruction.Rt, Is.EqualTo(rt));
            Assert.That((int)(instruction.Word & 0x1F), Is.EqualTo(quadRegister));
        }
    }

    [TestCase(0x70852013u, InstructionFlags.ReadsRs | InstructionFlags.ReadsRt | InstructionFlags.WritesRd, Description = "gsdmultu a0,a0,a1")]
    [TestCase(0x70430026u, InstructionFlags.ReadsRs | InstructionFlags.ReadsRt | InstructionFlags.MayTrap, Description = "gsle v0,v1")]
    [TestCase(0xc8837fa2u, InstructionFlags.ReadsRs | InstructionFlags.WritesRt | InstructionFlags.ReadsMemory | InstructionFlags.OtherGprs, Description = "gslq v0,v1,-32(a0)")]
    [TestCase(0xd8622083u, InstructionFlags.ReadsRs | InstructionFlags.ReadsRd | InstructionFlags.WritesRt | InstructionFlags.ReadsMemory, Description = "gsldx v0,16(v1,a0)")]
    [TestCase(0xe8622010u, InstructionFlags.ReadsRs | InstructionFlags.ReadsRd | InstructionFlags.ReadsRt | InstructionFlags.WritesMemory | InstructionFlags.MayTrap, Description = "gssble v0,v1,a0")]
    [TestCase(0x706410b5u, InstructionFlags.ReadsRs | InstructionFlags.ReadsRt | InstructionFlags.ReadsRd | InstructionFlags.Privileged, Description = "camwi v0,v1,a0")]
    public void Flags(uint word, InstructionFlags flags) =>
        Assert.That(Decoder.Loongson3.Decode(word).Flags, Is.EqualTo(flags));
}
