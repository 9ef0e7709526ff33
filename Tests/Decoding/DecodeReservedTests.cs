using LoongsonDbt.Translator.Decoding;
using LoongsonDbt.Translator.Disassembly;

namespace LoongsonDbt.Tests.Decoding;

/// <summary>
/// Words that are no instruction of the Loongson-3 sets: fields that must be zero and are not, the
/// dead DSP/MT words of ISA.md 2.6, MSA outside the context-switch subset, and the holes of the
/// COP0, COP1, COP1X and SPECIAL2 spaces. They decode as Reserved (a Reserved Instruction
/// exception) and print as objdump prints them: ".word", or its generic c0/c1/udiN spelling.
/// </summary>
[TestFixture]
public class DecodeReservedTests
{
    [TestCase(0x00641060u, ".word\t0x641060", Description = "add v0,v1,a0 with sa 1")]
    [TestCase(0x0064101au, ".word\t0x64101a", Description = "div with rd 2")]
    [TestCase(0x00430100u, ".word\t0x430100", Description = "sll with rs 2")]
    [TestCase(0x03e00808u, ".word\t0x3e00808", Description = "jr ra with an unknown hint")]
    [TestCase(0x00431145u, ".word\t0x431145", Description = "SPECIAL funct 0x05 with bits 10:8 set")]
    [TestCase(0x00202010u, ".word\t0x202010", Description = "DSP mfhi v0,ac1")]
    [TestCase(0x00400811u, ".word\t0x400811", Description = "DSP mthi v0,ac1")]
    [TestCase(0x7c011cb8u, ".word\t0x7c011cb8", Description = "DSP rddsp v1,0x1")]
    [TestCase(0x7c3f1cb8u, ".word\t0x7c3f1cb8", Description = "DSP rddsp v1,0x3f")]
    [TestCase(0x7c41fcf8u, ".word\t0x7c41fcf8", Description = "DSP wrdsp v0,0x3f")]
    [TestCase(0x41010801u, ".word\t0x41010801", Description = "MT mftr")]
    [TestCase(0x44022001u, ".word\t0x44022001", Description = "mfc1 with low bits set")]
    [TestCase(0x4c000003u, ".word\t0x4c000003", Description = "COP1X funct 0x03")]
    [TestCase(0x45600004u, ".word\t0x45600004", Description = "MSA bz.v in the COP1 space")]
    [TestCase(0x00431085u, ".word\t0x431085", Description = "MSA lsa v0,v0,v1,0x3 (SPECIAL funct 0x05): outside the modelled MSA subset")]
    [TestCase(0x00431015u, ".word\t0x431015", Description = "MSA dlsa v0,v0,v1,0x1 (SPECIAL funct 0x15)")]
    [TestCase(0x7802080eu, ".word\t0x7802080e", Description = "MSA addv.b $w0,$w1,$w2")]
    [TestCase(0x78f10899u, ".word\t0x78f10899", Description = "MSA copy_u.w v0,$w1[1]")]
    [TestCase(0x42000005u, "c0\t0x5", Description = "COP0 function 0x05")]
    [TestCase(0x42000040u, "c0\t0x40", Description = "COP0 function with bit 6 set")]
    [TestCase(0x4280000cu, "c0\t0x80000c", Description = "tlbginvf with bit 23 set")]
    [TestCase(0x46000017u, "c1\t0x17", Description = "COP1 fmt S funct 0x17")]
    [TestCase(0x46041018u, "c1\t0x41018", Description = "COP1 fmt S funct 0x18")]
    [TestCase(0x4600101fu, "c1\t0x101f", Description = "COP1 fmt S funct 0x1f")]
    [TestCase(0x46a41000u, "c1\t0xa41000", Description = "add with fmt L")]
    [TestCase(0x46e00000u, "c1\t0xe00000", Description = "COP1 fmt 0x17")]
    [TestCase(0x70641018u, "udi8\tv1,a0,v0,0x0", Description = "SPECIAL2 funct 0x18, between gsddivu and gsmod")]
    [TestCase(0x7064101bu, "udi11\tv1,a0,v0,0x0", Description = "SPECIAL2 funct 0x1b")]
    public void Decodes(uint word, string text) =>
        DecodingAssert.Decodes(word, InstructionName.Reserved, InstructionClass.Reserved, text);

    [TestCase(0x00641060u, Description = "add v0,v1,a0 with sa 1")]
    [TestCase(0x46000017u, Description = "COP1 fmt S funct 0x17")]
    public void ReservedEndsTheBlockWithAnException(uint word)
    {
        DecodedInstruction instruction = Decoder.Loongson3.Decode(word);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(instruction.IsReserved, Is.True);
            Assert.That(instruction.HasDelaySlot, Is.False);
            Assert.That(instruction.Flags, Is.EqualTo(InstructionFlags.EndsBlock | InstructionFlags.MayTrap));
        }
    }

    [TestCase(InstructionSet.Loongson3 & ~InstructionSet.MsaContext, 0x78000823u, InstructionName.Reserved, ".word\t0x78000823", Description = "ld.d $w0,0(at) without MSA")]
    [TestCase(InstructionSet.Loongson3 & ~InstructionSet.LoongsonExt, 0x70852013u, InstructionName.Reserved, "udi3\ta0,a1,a0,0x0", Description = "gsdmultu a0,a0,a1 without LEXT")]
    [TestCase(InstructionSet.Loongson3 & ~InstructionSet.Vz, 0x4200000cu, InstructionName.Reserved, "c0\t0xc", Description = "tlbginvf without VZ")]
    [TestCase(InstructionSet.Loongson3 & ~InstructionSet.Fpu, 0x46041000u, InstructionName.Reserved, "c1\t0x41000", Description = "add.s $f0,$f2,$f4 without the FPU")]
    [TestCase(InstructionSet.Loongson3 & ~InstructionSet.LoongsonCsr, 0xc8080118u, InstructionName.Lwc2, "lwc2\t$8,280(zero)", Description = "cpucfg without the CSR set: plain lwc2")]
    public void DisabledSetsDoNotDecode(InstructionSet enabled, uint word, InstructionName name, string text)
    {
        DecodedInstruction instruction = new Decoder(enabled).Decode(word);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(instruction.Name, Is.EqualTo(name));
            Assert.That(Disassembler.Format(instruction, DecodingAssert.Pc), Is.EqualTo(text));
        }
    }
}
