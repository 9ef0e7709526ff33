using LoongsonDbt.Translator.Decoding;

namespace LoongsonDbt.Tests.Decoding;

/// <summary>
/// SYSCALL, BREAK and SDBBP with their code fields, and the register and immediate conditional
/// traps (ISA.md 1.4: the kernel's BUG_ON is tne rs,zero,12, busybox's divide check teq rs,zero,7).
/// </summary>
[TestFixture]
public class DecodeTrapTests
{
    [TestCase(0x0000000cu, InstructionName.Syscall, "syscall")]
    [TestCase(0x0000004cu, InstructionName.Syscall, "syscall\t0x1")]
    [TestCase(0x0000000du, InstructionName.Break, "break")]
    [TestCase(0x000c000du, InstructionName.Break, "break\t0xc")]
    [TestCase(0x00ff000du, InstructionName.Break, "break\t0xff")]
    [TestCase(0x0001008du, InstructionName.Break, "break\t0x1,0x2")]
    [TestCase(0x7000003fu, InstructionName.Sdbbp, "sdbbp")]
    [TestCase(0x7000017fu, InstructionName.Sdbbp, "sdbbp\t0x5")]
    [TestCase(0x00430030u, InstructionName.Tge, "tge\tv0,v1")]
    [TestCase(0x0043fff1u, InstructionName.Tgeu, "tgeu\tv0,v1,0x3ff")]
    [TestCase(0x00430032u, InstructionName.Tlt, "tlt\tv0,v1")]
    [TestCase(0x00430173u, InstructionName.Tltu, "tltu\tv0,v1,0x5")]
    [TestCase(0x004001f4u, InstructionName.Teq, "teq\tv0,zero,0x7")]
    [TestCase(0x00430034u, InstructionName.Teq, "teq\tv0,v1")]
    [TestCase(0x00400336u, InstructionName.Tne, "tne\tv0,zero,0xc")]
    [TestCase(0x0448ffffu, InstructionName.Tgei, "tgei\tv0,-1")]
    [TestCase(0x04490064u, InstructionName.Tgeiu, "tgeiu\tv0,100")]
    [TestCase(0x044a0000u, InstructionName.Tlti, "tlti\tv0,0")]
    [TestCase(0x044b7fffu, InstructionName.Tltiu, "tltiu\tv0,32767")]
    [TestCase(0x044c8000u, InstructionName.Teqi, "teqi\tv0,-32768")]
    [TestCase(0x044e0001u, InstructionName.Tnei, "tnei\tv0,1")]
    public void Decodes(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.Trap, text);

    [TestCase(0x0000004cu, 6, 20, 1u, Description = "syscall 0x1: code in bits 25:6")]
    [TestCase(0x000c000du, 16, 10, 12u, Description = "break 12: first code in bits 25:16")]
    [TestCase(0x0001008du, 6, 10, 2u, Description = "break 1,2: second code in bits 15:6")]
    [TestCase(0x00400336u, 6, 10, 12u, Description = "tne v0,zero,0xc: code in bits 15:6")]
    [TestCase(0x004001f4u, 6, 10, 7u, Description = "teq v0,zero,0x7")]
    public void Code(uint word, int shift, int width, uint code) =>
        Assert.That((Decoder.Loongson3.Decode(word).Word >> shift) & ((1u << width) - 1), Is.EqualTo(code));

    [TestCase(0x0000000cu, InstructionFlags.MayTrap | InstructionFlags.EndsBlock, Description = "syscall")]
    [TestCase(0x000c000du, InstructionFlags.MayTrap | InstructionFlags.EndsBlock, Description = "break 0xc")]
    [TestCase(0x00400336u, InstructionFlags.ReadsRs | InstructionFlags.ReadsRt | InstructionFlags.MayTrap, Description = "tne v0,zero,0xc")]
    [TestCase(0x0448ffffu, InstructionFlags.ReadsRs | InstructionFlags.MayTrap, Description = "tgei v0,-1")]
    public void Flags(uint word, InstructionFlags flags) =>
        Assert.That(Decoder.Loongson3.Decode(word).Flags, Is.EqualTo(flags));

    [TestCase(0x0448ffffu, 2, -1, Description = "tgei v0,-1")]
    [TestCase(0x044c8000u, 2, -32768, Description = "teqi v0,-32768")]
    public void ImmediateFields(uint word, int rs, int immediate)
    {
        DecodedInstruction instruction = Decoder.Loongson3.Decode(word);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(instruction.Rs, Is.EqualTo(rs));
            Assert.That((int)instruction.Immediate, Is.EqualTo(immediate));
        }
    }
}
