using LoongsonDbt.Translator.Decoding;
using LoongsonDbt.Translator.Disassembly;

namespace LoongsonDbt.Tests.Decoding;

/// <summary>
/// The checks every decoding fixture makes: the Loongson-3 decoder finds the expected row, and the
/// disassembler prints the word as objdump (-m mips:gs464 -M virt,msa,gpr-names=64) does.
/// </summary>
internal static class DecodingAssert
{
    /// <summary>Where the instructions under test sit: the kernel's load address, for absolute branch targets.</summary>
    public const ulong Pc = 0xFFFF_FFFF_8020_0000;

    public static DecodedInstruction Decodes(uint word, InstructionName name, InstructionClass instructionClass, string text,
        ulong pc = Pc)
    {
        DecodedInstruction instruction = Decoder.Loongson3.Decode(word);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(instruction.Word, Is.EqualTo(word));
            Assert.That(instruction.Name, Is.EqualTo(name), $"name of 0x{word:x8}");
            Assert.That(instruction.Class, Is.EqualTo(instructionClass), $"class of 0x{word:x8}");
            Assert.That(Disassembler.Format(instruction, pc), Is.EqualTo(text), $"text of 0x{word:x8}");
        }

        return instruction;
    }

    /// <summary>The register fields (bits 25:21, 20:16, 15:11, 10:6) of <paramref name="word"/>.</summary>
    public static void HasFields(uint word, int rs, int rt, int rd, int sa)
    {
        DecodedInstruction instruction = Decoder.Loongson3.Decode(word);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(instruction.Rs, Is.EqualTo(rs), "rs");
            Assert.That(instruction.Rt, Is.EqualTo(rt), "rt");
            Assert.That(instruction.Rd, Is.EqualTo(rd), "rd");
            Assert.That(instruction.Sa, Is.EqualTo(sa), "sa");
        }
    }

    /// <summary>A CP0 or guest-CP0 move: the GPR, the CP0 register number and the select.</summary>
    public static void HasCp0Operands(uint word, int rt, int register, int select)
    {
        DecodedInstruction instruction = Decoder.Loongson3.Decode(word);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(instruction.Rt, Is.EqualTo(rt));
            Assert.That(instruction.Rd, Is.EqualTo(register));
            Assert.That(instruction.Select, Is.EqualTo(select));
        }
    }
}
