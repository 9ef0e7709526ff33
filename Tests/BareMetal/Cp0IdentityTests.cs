using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.BareMetal;

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

    [Test]
    public void WritesKeepOnlyTheWritableBits()
    {
        using var machine = new BareMetalMachine(mode, main: """
                li $8, -1
                mtc0 $8, $5, 1
                report_c0 $5, 1           # PageGrain: only ELPA
                mtc0 $0, $5, 1
                report_c0 $5, 1
                mtc0 $8, $7
                report_c0 $7              # HWREna: bits 3:0
                mtc0 $8, $6
                report_c0 $6              # Wired: 6 bits
                mtc0 $0, $6
                mtc0 $8, $12, 1
                report_c0 $12, 1          # IntCtl: only VS
                mtc0 $8, $0
                report_c0 $0              # Index: 6 bits, P read-only
                mtc0 $8, $5
                report_c0 $5              # PageMask: bits 28:13
                mtc0 $0, $5
                dmtc0 $8, $10
                report_dc0 $10            # EntryHi: R, VPN2 (47:13), ASID
                dmtc0 $0, $10
                dmtc0 $8, $2
                report_dc0 $2             # EntryLo0: PFN for 48-bit physical addresses, C, D, V, G
                dmtc0 $8, $4
                report_dc0 $4             # Context: PTEBase only
                dmtc0 $8, $20
                report_dc0 $20            # XContext: PTEBase only (63:41)
                mtc0 $8, $13
                report_c0 $13             # Cause: IV, DC, IP1:0 (IE = 0: no interrupt)
                mtc0 $0, $13
                mtc0 $8, $15, 1
                report_c0 $15, 1          # EBase: bits 29:12; 31:30 read 1 0, CPUNum read-only
                lui $9, 0x8000
                mtc0 $9, $15, 1
                mtc0 $8, $16
                report_c0 $16             # Config0: K0 aside, read-only; kept as is here
                mtc0 $8, $12
                report_c0 $12             # Status: 0x74d8ffff (EXL and ERL set: still kernel mode)
                mtc0 $0, $12
                report_c0 $12
                done
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(16));
        Assert.Multiple(() =>
        {
            Assert.That(r[0], Is.EqualTo(0x2000_0000UL), "PageGrain");
            Assert.That(r[1], Is.Zero, "PageGrain cleared");
            Assert.That(r[2], Is.EqualTo(0xFUL), "HWREna");
            Assert.That(r[3], Is.EqualTo(63UL), "Wired");
            Assert.That(r[4], Is.EqualTo(0xFFFF_FFFF_E000_03E0UL), "IntCtl");
            Assert.That(r[5], Is.EqualTo(63UL), "Index");
            Assert.That(r[6], Is.EqualTo(0x1FFF_E000UL), "PageMask");
            Assert.That(r[7], Is.EqualTo(0xC000_FFFF_FFFF_E0FFUL), "EntryHi");
            Assert.That(r[8], Is.EqualTo(0x3FF_FFFF_FFFFUL), "EntryLo0");
            Assert.That(r[9], Is.EqualTo(0xFFFF_FFFF_FF80_0000UL), "Context");
            Assert.That(r[10], Is.EqualTo(0xFFFF_FE00_0000_0000UL), "XContext");
            Assert.That(r[11], Is.EqualTo(0x0880_0300UL), "Cause");
            Assert.That(r[12], Is.EqualTo(0xFFFF_FFFF_BFFF_F000UL), "EBase");
            Assert.That(r[13] & ~7UL, Is.EqualTo(0xFFFF_FFFF_8000_4480UL), "Config0 apart from K0");
            Assert.That(r[14], Is.EqualTo(0x74D8_FFFFUL), "Status");
            Assert.That(r[15], Is.Zero, "Status cleared");
        });
    }

    [Test]
    public void ACoreKnowsItsNumberFromEBaseAndRdhwr()
    {
        using var machine = new BareMetalMachine(mode, cpuNumber: 3, main: """
                report_c0 $15, 1          # EBase: CPUNum in bits 9:0
                rdhwr $8, $0              # CPUNum
                report $8
                syscall                   # the vectors ignore CPUNum
            """, general: """
                li $1, 0x180
                report $1
                done
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Is.EqualTo(new ulong[] { 0xFFFF_FFFF_8000_0003, 3, 0x180 }));
    }
}
