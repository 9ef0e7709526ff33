using LoongsonDbt.Translator.Decoding;

namespace LoongsonDbt.Tests.Decoding;

/// <summary>
/// COP1: GPR/FPR and control moves, S/D/W/L/PS arithmetic and conversions, C.cond.fmt into a
/// condition code, BC1F/BC1T on a condition code; COP1X indexed memory and multiply-add.
/// </summary>
[TestFixture]
public class DecodeFpuTests
{
    [TestCase(0x44022000u, InstructionName.Mfc1, "mfc1\tv0,$f4")]
    [TestCase(0x44222000u, InstructionName.Dmfc1, "dmfc1\tv0,$f4")]
    [TestCase(0x4442f800u, InstructionName.Cfc1, "cfc1\tv0,c1_fcsr")]
    [TestCase(0x44622000u, InstructionName.Mfhc1, "mfhc1\tv0,$f4")]
    [TestCase(0x44822000u, InstructionName.Mtc1, "mtc1\tv0,$f4")]
    [TestCase(0x44a22000u, InstructionName.Dmtc1, "dmtc1\tv0,$f4")]
    [TestCase(0x44c2f800u, InstructionName.Ctc1, "ctc1\tv0,c1_fcsr")]
    [TestCase(0x44e22000u, InstructionName.Mthc1, "mthc1\tv0,$f4")]
    [TestCase(0x46041000u, InstructionName.Add_S, "add.s\t$f0,$f2,$f4")]
    [TestCase(0x46241001u, InstructionName.Sub_D, "sub.d\t$f0,$f2,$f4")]
    [TestCase(0x462a4182u, InstructionName.Mul_D, "mul.d\t$f6,$f8,$f10")]
    [TestCase(0x460a4183u, InstructionName.Div_S, "div.s\t$f6,$f8,$f10")]
    [TestCase(0x46201004u, InstructionName.Sqrt_D, "sqrt.d\t$f0,$f2")]
    [TestCase(0x46001005u, InstructionName.Abs_S, "abs.s\t$f0,$f2")]
    [TestCase(0x46201006u, InstructionName.Mov_D, "mov.d\t$f0,$f2")]
    [TestCase(0x46001007u, InstructionName.Neg_S, "neg.s\t$f0,$f2")]
    [TestCase(0x46201008u, InstructionName.Round_L_D, "round.l.d\t$f0,$f2")]
    [TestCase(0x4600100du, InstructionName.Trunc_W_S, "trunc.w.s\t$f0,$f2")]
    [TestCase(0x4620100eu, InstructionName.Ceil_W_D, "ceil.w.d\t$f0,$f2")]
    [TestCase(0x4600100bu, InstructionName.Floor_L_S, "floor.l.s\t$f0,$f2")]
    [TestCase(0x46201015u, InstructionName.Recip_D, "recip.d\t$f0,$f2")]
    [TestCase(0x46001016u, InstructionName.Rsqrt_S, "rsqrt.s\t$f0,$f2")]
    [TestCase(0x46041011u, InstructionName.Movf_S, "movf.s\t$f0,$f2,$fcc1")]
    [TestCase(0x46211011u, InstructionName.Movt_D, "movt.d\t$f0,$f2,$fcc0")]
    [TestCase(0x46231012u, InstructionName.Movz_D, "movz.d\t$f0,$f2,v1")]
    [TestCase(0x46031013u, InstructionName.Movn_S, "movn.s\t$f0,$f2,v1")]
    [TestCase(0x46201020u, InstructionName.Cvt_S_D, "cvt.s.d\t$f0,$f2")]
    [TestCase(0x46801021u, InstructionName.Cvt_D_W, "cvt.d.w\t$f0,$f2")]
    [TestCase(0x46a01021u, InstructionName.Cvt_D_L, "cvt.d.l\t$f0,$f2")]
    [TestCase(0x46201024u, InstructionName.Cvt_W_D, "cvt.w.d\t$f0,$f2")]
    [TestCase(0x46001025u, InstructionName.Cvt_L_S, "cvt.l.s\t$f0,$f2")]
    [TestCase(0x46c01020u, InstructionName.Cvt_S_Pu, "cvt.s.pu\t$f0,$f2")]
    [TestCase(0x46c01028u, InstructionName.Cvt_S_Pl, "cvt.s.pl\t$f0,$f2")]
    [TestCase(0x46041026u, InstructionName.Cvt_Ps_S, "cvt.ps.s\t$f0,$f2,$f4")]
    [TestCase(0x46c41000u, InstructionName.Add_Ps, "add.ps\t$f0,$f2,$f4")]
    [TestCase(0x46c4102cu, InstructionName.Pll_Ps, "pll.ps\t$f0,$f2,$f4")]
    [TestCase(0x46041030u, InstructionName.C_F_S, "c.f.s\t$f2,$f4")]
    [TestCase(0x46241032u, InstructionName.C_Eq_D, "c.eq.d\t$f2,$f4")]
    [TestCase(0x46241232u, InstructionName.C_Eq_D, "c.eq.d\t$fcc2,$f2,$f4")]
    [TestCase(0x46083734u, InstructionName.C_Olt_S, "c.olt.s\t$fcc7,$f6,$f8")]
    [TestCase(0x46241035u, InstructionName.C_Ult_D, "c.ult.d\t$f2,$f4")]
    [TestCase(0x4624113eu, InstructionName.C_Le_D, "c.le.d\t$fcc1,$f2,$f4")]
    [TestCase(0x4604103fu, InstructionName.C_Ngt_S, "c.ngt.s\t$f2,$f4")]
    [TestCase(0x46c41431u, InstructionName.C_Un_Ps, "c.un.ps\t$fcc4,$f2,$f4")]
    [TestCase(0x4c64101eu, InstructionName.Alnv_Ps, "alnv.ps\t$f0,$f2,$f4,v1")]
    [TestCase(0x4c462020u, InstructionName.Madd_S, "madd.s\t$f0,$f2,$f4,$f6")]
    [TestCase(0x4c462021u, InstructionName.Madd_D, "madd.d\t$f0,$f2,$f4,$f6")]
    [TestCase(0x4c462029u, InstructionName.Msub_D, "msub.d\t$f0,$f2,$f4,$f6")]
    [TestCase(0x4c462030u, InstructionName.Nmadd_S, "nmadd.s\t$f0,$f2,$f4,$f6")]
    [TestCase(0x4c462039u, InstructionName.Nmsub_D, "nmsub.d\t$f0,$f2,$f4,$f6")]
    [TestCase(0x4c46203eu, InstructionName.Nmsub_Ps, "nmsub.ps\t$f0,$f2,$f4,$f6")]
    public void Arithmetic(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.Fpu, text);

    [TestCase(0x4c620000u, InstructionName.Lwxc1, "lwxc1\t$f0,v0(v1)")]
    [TestCase(0x4ca40081u, InstructionName.Ldxc1, "ldxc1\t$f2,a0(a1)")]
    [TestCase(0x4ca40085u, InstructionName.Luxc1, "luxc1\t$f2,a0(a1)")]
    [TestCase(0x4c623008u, InstructionName.Swxc1, "swxc1\t$f6,v0(v1)")]
    [TestCase(0x4c623009u, InstructionName.Sdxc1, "sdxc1\t$f6,v0(v1)")]
    [TestCase(0x4c62300du, InstructionName.Suxc1, "suxc1\t$f6,v0(v1)")]
    public void IndexedLoadsAndStores(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.FpuMemory, text);

    [TestCase(0x4c62200fu, InstructionName.Prefx, "prefx\t0x4,v0(v1)")]
    public void IndexedPrefetch(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.CacheMaintenance, text);

    [TestCase(0x45000001u, InstructionName.Bc1f, "bc1f\t0xffffffff80200008")]
    [TestCase(0x45010002u, InstructionName.Bc1t, "bc1t\t0xffffffff8020000c")]
    [TestCase(0x450c0003u, InstructionName.Bc1f, "bc1f\t$fcc3,0xffffffff80200010")]
    [TestCase(0x451dfffbu, InstructionName.Bc1t, "bc1t\t$fcc7,0xffffffff801ffff0")]
    [TestCase(0x45020004u, InstructionName.Bc1fl, "bc1fl\t0xffffffff80200014")]
    [TestCase(0x45070005u, InstructionName.Bc1tl, "bc1tl\t$fcc1,0xffffffff80200018")]
    public void BranchesOnConditionCode(uint word, InstructionName name, string text) =>
        DecodingAssert.Decodes(word, name, InstructionClass.Branch, text);

    [TestCase(0x46041000u, 16, 4, 2, 0, Description = "add.s $f0,$f2,$f4: fmt S in rs")]
    [TestCase(0x462a4182u, 17, 10, 8, 6, Description = "mul.d $f6,$f8,$f10")]
    [TestCase(0x4c462021u, 2, 6, 4, 0, Description = "madd.d $f0,$f2,$f4,$f6: fr, ft, fs, fd")]
    [TestCase(0x4c620000u, 3, 2, 0, 0, Description = "lwxc1 $f0,v0(v1): base rs, index rt, fd")]
    public void FprFields(uint word, int fr, int ft, int fs, int fd)
    {
        DecodedInstruction instruction = Decoder.Loongson3.Decode(word);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(instruction.Fr, Is.EqualTo(fr), "fr/fmt");
            Assert.That(instruction.Ft, Is.EqualTo(ft), "ft");
            Assert.That(instruction.Fs, Is.EqualTo(fs), "fs");
            Assert.That(instruction.Fd, Is.EqualTo(fd), "fd");
        }
    }

    [TestCase(0x46241032u, 0, Description = "c.eq.d $f2,$f4")]
    [TestCase(0x46241232u, 2, Description = "c.eq.d $fcc2,$f2,$f4")]
    [TestCase(0x46083734u, 7, Description = "c.olt.s $fcc7,$f6,$f8")]
    public void CompareConditionCode(uint word, int cc) =>
        Assert.That(Decoder.Loongson3.Decode(word).CompareConditionCode, Is.EqualTo(cc));

    [TestCase(0x45000001u, 0, Description = "bc1f")]
    [TestCase(0x450c0003u, 3, Description = "bc1f $fcc3")]
    [TestCase(0x451dfffbu, 7, Description = "bc1t $fcc7")]
    [TestCase(0x46041011u, 1, Description = "movf.s $f0,$f2,$fcc1")]
    [TestCase(0x00751001u, 5, Description = "movt v0,v1,$fcc5")]
    public void BranchConditionCode(uint word, int cc) =>
        Assert.That(Decoder.Loongson3.Decode(word).BranchConditionCode, Is.EqualTo(cc));

    [TestCase(0x451dfffbu, 0xFFFF_FFFF_801F_FFF0ul, false, Description = "bc1t $fcc7,.-16")]
    [TestCase(0x45020004u, 0xFFFF_FFFF_8020_0014ul, true, Description = "bc1fl .+20")]
    [TestCase(0x45070005u, 0xFFFF_FFFF_8020_0018ul, true, Description = "bc1tl $fcc1,.+24")]
    public void BranchTargetAndLikely(uint word, ulong target, bool likely)
    {
        DecodedInstruction instruction = Decoder.Loongson3.Decode(word);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(instruction.BranchTarget(DecodingAssert.Pc), Is.EqualTo(target));
            Assert.That(instruction.HasDelaySlot, Is.True);
            Assert.That(instruction.Flags.HasFlag(InstructionFlags.Likely), Is.EqualTo(likely));
            Assert.That(instruction.Flags.HasFlag(InstructionFlags.NeedsFpu), Is.True);
        }
    }

    [TestCase(0x44022000u, InstructionFlags.WritesRt | InstructionFlags.NeedsFpu, Description = "mfc1 v0,$f4")]
    [TestCase(0x44c2f800u, InstructionFlags.ReadsRt | InstructionFlags.NeedsFpu | InstructionFlags.EndsBlock, Description = "ctc1 v0,c1_fcsr")]
    [TestCase(0x46041000u, InstructionFlags.NeedsFpu | InstructionFlags.MayTrap, Description = "add.s $f0,$f2,$f4")]
    [TestCase(0x46231012u, InstructionFlags.NeedsFpu | InstructionFlags.MayTrap | InstructionFlags.ReadsRt, Description = "movz.d $f0,$f2,v1")]
    [TestCase(0x4c620000u, InstructionFlags.ReadsRs | InstructionFlags.ReadsRt | InstructionFlags.ReadsMemory | InstructionFlags.NeedsFpu, Description = "lwxc1 $f0,v0(v1)")]
    public void Flags(uint word, InstructionFlags flags) =>
        Assert.That(Decoder.Loongson3.Decode(word).Flags, Is.EqualTo(flags));
}
