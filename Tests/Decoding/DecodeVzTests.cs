using LoongsonDbt.Translator.Decoding;

namespace LoongsonDbt.Tests.Decoding;

/// <summary>
/// The MIPS VZ root instructions (ISA.md 3.1): guest CP0 moves in COP0 rs 0x03 selected by bits
/// 10:8, guest TLB operations, and HYPCALL. Words assembled with GNU as -mvirt.
/// </summary>
[TestFixture]
public class DecodeVzTests
{
    [TestCase(0x40626000u, InstructionName.Mfgc0, "mfgc0\tv0,$12")]
    [TestCase(0x40628003u, InstructionName.Mfgc0, "mfgc0\tv0,$16,3")]
    [TestCase(0x40637100u, InstructionName.Dmfgc0, "dmfgc0\tv1,$14")]
    [TestCase(0x4063f902u, InstructionName.Dmfgc0, "dmfgc0\tv1,$31,2")]
    [TestCase(0x40646a00u, InstructionName.Mtgc0, "mtgc0\ta0,$13")]
    [TestCase(0x40642a05u, InstructionName.Mtgc0, "mtgc0\ta0,$5,5")]
    [TestCase(0x40657b01u, InstructionName.Dmtgc0, "dmtgc0\ta1,$15,1")]
    [TestCase(0x40654b00u, InstructionName.Dmtgc0, "dmtgc0\ta1,$9")]
    [TestCase(0x42000009u, InstructionName.Tlbgr, "tlbgr")]
    [TestCase(0x4200000au, InstructionName.Tlbgwi, "tlbgwi")]
    [TestCase(0x4200000bu, InstructionName.Tlbginv, "tlbginv")]
    [TestCase(0x4200000cu, InstructionName.Tlbginvf, "tlbginvf")]
    [TestCase(0x4200000eu, InstructionName.Tlbgwr, "tlbgwr")]
    [TestCase(0x42000010u, InstructionName.Tlbgp, "tlbgp")]
    [TestCase(0x42000028u, InstructionName.Hypcall, "hypcall")]
    [TestCase(0x421ff828u, InstructionName.Hypcall, "hypcall\t0x3ff")]
    [TestCase(0x42002828u, InstructionName.Hypcall, "hypcall\t0x5")]
    public void Decodes(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.Vz, text);

    [TestCase(0x40626000u, 2, 12, 0, Description = "mfgc0 v0,$12")]
    [TestCase(0x40628003u, 2, 16, 3, Description = "mfgc0 v0,$16,3")]
    [TestCase(0x4063f902u, 3, 31, 2, Description = "dmfgc0 v1,$31,2")]
    [TestCase(0x40642a05u, 4, 5, 5, Description = "mtgc0 a0,$5,5")]
    [TestCase(0x40657b01u, 5, 15, 1, Description = "dmtgc0 a1,$15,1")]
    public void RegisterAndSelect(uint word, int rt, int register, int select) =>
        DecodingAssert.HasCp0Operands(word, rt, register, select);

    [TestCase(0x40626000u, Description = "mfgc0 v0,$12")]
    [TestCase(0x40637100u, Description = "dmfgc0 v1,$14")]
    [TestCase(0x40646a00u, Description = "mtgc0 a0,$13")]
    [TestCase(0x40654b00u, Description = "dmtgc0 a1,$9")]
    [TestCase(0x42000009u, Description = "tlbgr")]
    [TestCase(0x4200000au, Description = "tlbgwi")]
    [TestCase(0x4200000bu, Description = "tlbginv")]
    [TestCase(0x4200000cu, Description = "tlbginvf")]
    [TestCase(0x4200000eu, Description = "tlbgwr")]
    [TestCase(0x42000010u, Description = "tlbgp")]
    public void RootOnly(uint word)
    {
        InstructionFlags flags = Decoder.Loongson3.Decode(word).Flags;
        Assert.That(flags & (InstructionFlags.RootOnly | InstructionFlags.Privileged),
            Is.EqualTo(InstructionFlags.RootOnly | InstructionFlags.Privileged));
    }

    [TestCase(0x42000028u, Description = "hypcall: the guest's way out, not root-only")]
    [TestCase(0x40026000u, Description = "mfc0 v0,$12: root and guest CP0 alike")]
    [TestCase(0x42000002u, Description = "tlbwi")]
    public void NotRootOnly(uint word) =>
        Assert.That(Decoder.Loongson3.Decode(word).Flags & InstructionFlags.RootOnly, Is.EqualTo(InstructionFlags.None));

    [TestCase(0x42000028u, 0u, Description = "hypcall")]
    [TestCase(0x42002828u, 5u, Description = "hypcall 0x5")]
    [TestCase(0x421ff828u, 0x3ffu, Description = "hypcall 0x3ff")]
    public void HypcallCode(uint word, uint code)
    {
        DecodedInstruction instruction = Decoder.Loongson3.Decode(word);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(instruction.Name, Is.EqualTo(InstructionName.Hypcall));
            Assert.That((instruction.Word >> 11) & 0x3FF, Is.EqualTo(code));
        }
    }
}
