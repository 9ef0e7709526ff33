using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.System;

/// <summary>
/// What a Loongson-3A1000's CP0 says about itself and which bits software can change (PLATFORM.md 5,
/// read from QEMU 7.2's model of this CPU; MIPS64 Volume III chapter 9 for the register layouts).
/// </summary>
[TestFixture(EngineMode.Interpreter)]
[TestFixture(EngineMode.Compiled)]
[TestFixture(EngineMode.Tiered)]
public class Cp0IdentityTests(EngineMode mode)
{
    [Test]
    public void IdentityRegistersReadThe3A1000Values()
    {
        using var machine = new BareMetalMachine(mode, """
            report_c0 $15        # PRId
            report_c0 $16, 0     # Config0
            report_c0 $16, 1     # Config1
            report_c0 $16, 2     # Config2
            report_c0 $16, 3     # Config3 (M = 0: no Config4)
            report_c0 $15, 1     # EBase
            report_c0 $12, 1     # IntCtl
            report_c0 $5, 1      # PageGrain
            report_c0 $12        # Status as the direct kernel boot leaves it
            report_c0 $6         # Wired
            report_c0 $1         # Random, at its reset value before any TLBWR
            done
            """);

        IReadOnlyList<ulong> results = machine.Run();

        Assert.That(results, Has.Count.EqualTo(11));
        Assert.Multiple(() =>
        {
            Assert.That(results[0], Is.EqualTo(0x6305UL), "PRId: legacy company, Loongson-3 impl 0x63, rev 0x05");
            Assert.That(results[1], Is.EqualTo(0xFFFF_FFFF_8000_4482UL), "Config0: M, AT = MIPS64, AR = R2, MT = TLB, K0 = 2");
            Assert.That(results[2], Is.EqualTo(0xFFFF_FFFF_FEE3_719BUL), "Config1: 64 TLB entries, 64 KiB 4-way caches, FP");
            Assert.That(results[3], Is.EqualTo(0xFFFF_FFFF_8000_0743UL), "Config2");
            Assert.That(results[4], Is.EqualTo(0x80UL), "Config3: LPA only");
            Assert.That(results[5], Is.EqualTo(0xFFFF_FFFF_8000_0000UL), "EBase: kseg0 base, CPUNum 0");
            Assert.That(results[6], Is.EqualTo(0xFFFF_FFFF_E000_0000UL), "IntCtl: IPTI = 7");
            Assert.That(results[7], Is.EqualTo(0x2000_0000UL), "PageGrain: ELPA");
            Assert.That(results[8], Is.Zero, "Status");
            Assert.That(results[9], Is.Zero, "Wired");
            Assert.That(results[10], Is.EqualTo(63UL), "Random");
        });
    }
}
