using LoongsonDbt.Translator.Decoding;

namespace LoongsonDbt.Tests.Decoding;

/// <summary>
/// Base+offset loads and stores (GPR, FPR and the COP2 forms binutils has no Loongson name for),
/// LL/SC, prefetch, SYNCI and SYNC with the stype aliases objdump prints.
/// </summary>
[TestFixture]
public class DecodeMemoryTests
{
    [TestCase(0x80620000u, InstructionName.Lb, "lb\tv0,0(v1)")]
    [TestCase(0x8462fffeu, InstructionName.Lh, "lh\tv0,-2(v1)")]
    [TestCase(0x88620003u, InstructionName.Lwl, "lwl\tv0,3(v1)")]
    [TestCase(0x8fa20004u, InstructionName.Lw, "lw\tv0,4(sp)")]
    [TestCase(0x90628000u, InstructionName.Lbu, "lbu\tv0,-32768(v1)")]
    [TestCase(0x94627fffu, InstructionName.Lhu, "lhu\tv0,32767(v1)")]
    [TestCase(0x98620000u, InstructionName.Lwr, "lwr\tv0,0(v1)")]
    [TestCase(0x9c620008u, InstructionName.Lwu, "lwu\tv0,8(v1)")]
    [TestCase(0x68620007u, InstructionName.Ldl, "ldl\tv0,7(v1)")]
    [TestCase(0x6c620000u, InstructionName.Ldr, "ldr\tv0,0(v1)")]
    [TestCase(0xdfbf0018u, InstructionName.Ld, "ld\tra,24(sp)")]
    public void Loads(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.Load, text);

    [TestCase(0xa0620001u, InstructionName.Sb, "sb\tv0,1(v1)")]
    [TestCase(0xa4620002u, InstructionName.Sh, "sh\tv0,2(v1)")]
    [TestCase(0xa8620003u, InstructionName.Swl, "swl\tv0,3(v1)")]
    [TestCase(0xac620004u, InstructionName.Sw, "sw\tv0,4(v1)")]
    [TestCase(0xb0620007u, InstructionName.Sdl, "sdl\tv0,7(v1)")]
    [TestCase(0xb4620000u, InstructionName.Sdr, "sdr\tv0,0(v1)")]
    [TestCase(0xb8620000u, InstructionName.Swr, "swr\tv0,0(v1)")]
    [TestCase(0xffbffff8u, InstructionName.Sd, "sd\tra,-8(sp)")]
    public void Stores(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.Store, text);

    [TestCase(0xc0820000u, InstructionName.Ll, "ll\tv0,0(a0)")]
    [TestCase(0xd0820008u, InstructionName.Lld, "lld\tv0,8(a0)")]
    [TestCase(0xe0820000u, InstructionName.Sc, "sc\tv0,0(a0)")]
    [TestCase(0xf082fff8u, InstructionName.Scd, "scd\tv0,-8(a0)")]
    public void LoadLinkedStoreConditional(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.Atomic, text);

    [TestCase(0xcc440000u, InstructionName.Pref, "pref\t0x4,0(v0)")]
    [TestCase(0xcc5e0040u, InstructionName.Pref, "pref\t0x1e,64(v0)")]
    [TestCase(0x045f0000u, InstructionName.Synci, "synci\t0(v0)")]
    public void PrefetchAndSynci(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.CacheMaintenance, text);

    [TestCase(0x0000000fu, InstructionName.Sync, "sync")]
    [TestCase(0x0000040fu, InstructionName.Sync, "sync_mb")]
    [TestCase(0x0000010fu, InstructionName.Sync, "sync_wmb")]
    [TestCase(0x0000044fu, InstructionName.Sync, "sync_acquire")]
    [TestCase(0x0000048fu, InstructionName.Sync, "sync_release")]
    [TestCase(0x000004cfu, InstructionName.Sync, "sync_rmb")]
    [TestCase(0x0000004fu, InstructionName.Sync, "sync\t0x1")]
    public void Sync(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.System, text);

    [TestCase(0xc8430008u, InstructionName.Lwc2, "lwc2\t$3,8(v0)")]
    [TestCase(0xd8430004u, InstructionName.Ldc2, "ldc2\t$3,4(v0)")]
    [TestCase(0xe843000cu, InstructionName.Swc2, "swc2\t$3,12(v0)")]
    [TestCase(0xf8430014u, InstructionName.Sdc2, "sdc2\t$3,20(v0)")]
    public void Cop2LoadsAndStores(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.Cop2Memory, text);

    [TestCase(0xc7a20004u, InstructionName.Lwc1, "lwc1\t$f2,4(sp)")]
    [TestCase(0xd7a4fff8u, InstructionName.Ldc1, "ldc1\t$f4,-8(sp)")]
    [TestCase(0xe4860000u, InstructionName.Swc1, "swc1\t$f6,0(a0)")]
    [TestCase(0xf4880010u, InstructionName.Sdc1, "sdc1\t$f8,16(a0)")]
    public void FpuLoadsAndStores(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.FpuMemory, text);

    [TestCase(0xdfbf0018u, 29, 31, 24, Description = "ld ra,24(sp)")]
    [TestCase(0x90628000u, 3, 2, -32768, Description = "lbu v0,-32768(v1)")]
    [TestCase(0xf082fff8u, 4, 2, -8, Description = "scd v0,-8(a0)")]
    [TestCase(0xcc5e0040u, 2, 30, 64, Description = "pref 0x1e,64(v0): the hint in rt")]
    [TestCase(0xd7a4fff8u, 29, 4, -8, Description = "ldc1 $f4,-8(sp)")]
    public void BaseRegisterAndOffset(uint word, int baseRegister, int rt, int offset)
    {
        DecodedInstruction instruction = Decoder.Loongson3.Decode(word);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(instruction.Base, Is.EqualTo(baseRegister));
            Assert.That(instruction.Rt, Is.EqualTo(rt));
            Assert.That((int)instruction.Immediate, Is.EqualTo(offset));
        }
    }

    [TestCase(0xdfbf0018u, InstructionFlags.ReadsRs | InstructionFlags.WritesRt | InstructionFlags.ReadsMemory, Description = "ld ra,24(sp)")]
    [TestCase(0x88620003u, InstructionFlags.ReadsRs | InstructionFlags.ReadsRt | InstructionFlags.WritesRt | InstructionFlags.ReadsMemory, Description = "lwl v0,3(v1): merges into rt")]
    [TestCase(0xffbffff8u, InstructionFlags.ReadsRs | InstructionFlags.ReadsRt | InstructionFlags.WritesMemory, Description = "sd ra,-8(sp)")]
    [TestCase(0xe0820000u, InstructionFlags.ReadsRs | InstructionFlags.ReadsRt | InstructionFlags.WritesRt | InstructionFlags.WritesMemory, Description = "sc v0,0(a0)")]
    [TestCase(0x045f0000u, InstructionFlags.ReadsRs | InstructionFlags.EndsBlock, Description = "synci 0(v0)")]
    [TestCase(0xc7a20004u, InstructionFlags.ReadsRs | InstructionFlags.ReadsMemory | InstructionFlags.NeedsFpu, Description = "lwc1 $f2,4(sp)")]
    public void Flags(uint word, InstructionFlags flags) =>
        Assert.That(Decoder.Loongson3.Decode(word).Flags, Is.EqualTo(flags));
}
