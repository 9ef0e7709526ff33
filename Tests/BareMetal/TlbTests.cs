using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.BareMetal;

/// <summary>
/// The joint TLB and its exceptions as MIPS64 Volume III describes them: refills at the TLB and XTLB
/// refill vectors (6.2.4, 6.2.5), invalid and modified entries at the general vector (6.2.6, 6.2.7), the
/// registers an exception fills (BadVAddr, EntryHi, Context, XContext, 9.x), TLBP and TLBR (Volume II),
/// ASID matching and the global bit (4.9), and pairs of 16 KiB pages.
/// </summary>
[TestFixture(EngineMode.Interpreter)]
[TestFixture(EngineMode.Compiled)]
[TestFixture(EngineMode.Tiered)]
public class TlbTests(EngineMode mode)
{
    /// <summary>Cause without the interrupt-pending bits (IP, TI), which the timer may change at any time.</summary>
    private const ulong CauseCodeMask = 0xFFFF_FFFF_B000_00FF;

    [Test]
    public void RefillOfAUserAddressWithUxTakesTheXtlbVectorAndTheRetriedLoadSeesTheMappedPage()
    {
        using var machine = new BareMetalMachine(mode, main: """
                li $8, 0x20               # Status.UX: useg is a 64-bit segment, its refills use the XTLB vector
                mtc0 $8, $12
                dli $8, KSEG0 + 0x40008   # a marker in the physical page the handler maps
                dli $9, 0x1122334455667788
                sd $9, 0($8)
                dli $8, 0xabc0000000800000
                dmtc0 $8, $4              # Context.PTEBase, which the exception keeps
                dli $8, 0x1230000000000000
                dmtc0 $8, $20             # XContext.PTEBase
                li $8, 5
                dmtc0 $8, $10             # EntryHi: ASID 5
                dla $8, faulting_load
                report $8
                dli $10, 0x12346008
            faulting_load:
                ld $11, 0($10)            # TLB miss; the handler maps the page and ERET retries the load
                report $11
                report_c0 $12             # Status: ERET cleared EXL
                done
            """, xtlbRefill: """
                report_dc0 $8             # BadVAddr
                report_dc0 $10            # EntryHi: VPN2 of the address, the ASID kept
                report_dc0 $4             # Context
                report_dc0 $20            # XContext
                report_dc0 $14            # EPC
                report_c0 $13             # Cause
                report_c0 $12             # Status: EXL set
                li $26, ((0x40000 >> 12) << 6) | LO_C | LO_D | LO_V
                dmtc0 $26, $2
                li $26, ((0x41000 >> 12) << 6) | LO_C | LO_D | LO_V
                dmtc0 $26, $3
                mtc0 $0, $5
                tlbwr                     # EntryHi already holds VPN2 and ASID from the exception
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(10));
        Assert.Multiple(() =>
        {
            Assert.That(r[1], Is.EqualTo(0x1234_6008UL), "BadVAddr");
            Assert.That(r[2], Is.EqualTo(0x1234_6005UL), "EntryHi = VPN2 | ASID");
            Assert.That(r[3], Is.EqualTo(0xABC0_0000_0089_1A30UL), "Context = PTEBase | BadVPN2 (VA 31:13 at bit 4)");
            Assert.That(r[4], Is.EqualTo(0x1230_0000_0009_1A30UL), "XContext = PTEBase | R 0 | BadVPN2 (VA 47:13 at bit 4)");
            Assert.That(r[5], Is.EqualTo(r[0]), "EPC = the load");
            Assert.That(r[6] & CauseCodeMask, Is.EqualTo(2UL << 2), "Cause: TLBL, BD = 0");
            Assert.That(r[7], Is.EqualTo(0x22UL), "Status in the handler: UX, EXL");
            Assert.That(r[8], Is.EqualTo(0x1122_3344_5566_7788UL), "the retried load");
            Assert.That(r[9], Is.EqualTo(0x20UL), "Status after ERET");
        });
    }

    [Test]
    public void RefillOfAnXksegAddressWithKxTakesTheXtlbVectorWithRegionInXContext()
    {
        using var machine = new BareMetalMachine(mode, main: """
                li $8, 0x80               # Status.KX: xkseg refills use the XTLB vector
                mtc0 $8, $12
                dli $8, KSEG0 + 0x41ff0
                li $9, 0x4b58
                sd $9, 0($8)
                dli $10, 0xc000000012347ff0   # the odd page of its pair
                ld $11, 0($10)
                report $11
                done
            """, xtlbRefill: """
                report_dc0 $8             # BadVAddr
                report_dc0 $10            # EntryHi: R = 3 and VPN2
                report_dc0 $20            # XContext: R at bits 40:39
                dmtc0 $0, $2
                li $26, ((0x41000 >> 12) << 6) | LO_C | LO_D | LO_V
                dmtc0 $26, $3
                tlbwr
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Is.EqualTo(new ulong[]
        {
            0xC000_0000_1234_7FF0,
            0xC000_0000_1234_6000,
            (3UL << 39) | (0x1234_7FF0UL >> 13 << 4),
            0x4B58,
        }));
    }

    [Test]
    public void RefillOfA32BitAddressWithoutUxTakesTheTlbRefillVector()
    {
        using var machine = new BareMetalMachine(mode, main: """
                dla $8, faulting_store
                report $8
                dli $10, 0x7fff0000
            faulting_store:
                sw $0, 4($10)             # Status.UX = 0: a 32-bit address, the TLB refill vector
                done
            """, refill: """
                report_c0 $13             # Cause: TLBS
                report_dc0 $14            # EPC
                report_dc0 $8             # BadVAddr
                report_dc0 $10            # EntryHi
                report_dc0 $4             # Context
                skip_instruction
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(6));
        Assert.Multiple(() =>
        {
            Assert.That(r[1] & CauseCodeMask, Is.EqualTo(3UL << 2), "Cause: TLBS");
            Assert.That(r[2], Is.EqualTo(r[0]), "EPC");
            Assert.That(r[3], Is.EqualTo(0x7FFF_0004UL), "BadVAddr");
            Assert.That(r[4], Is.EqualTo(0x7FFF_0000UL), "EntryHi");
            Assert.That(r[5], Is.EqualTo(0x3F_FF80UL), "Context.BadVPN2");
        });
    }

    [Test]
    public void MissAtExceptionLevelTakesTheGeneralVectorAndKeepsEpc()
    {
        using var machine = new BareMetalMachine(mode, main: """
                dla $8, resume
                report $8
                dmtc0 $8, $14             # EPC: a nested exception must not overwrite it
                li $8, 0x22               # UX, EXL
                mtc0 $8, $12
                dli $10, 0x5000
                lw $11, 0($10)            # TLB miss with EXL = 1: general vector, TLBL
                unexpected 0x10ad         # not reached: ERET goes to EPC
            resume:
                report_c0 $12             # Status: ERET cleared EXL
                done
            """, general: """
                report_c0 $13             # Cause
                report_dc0 $14            # EPC
                report_dc0 $8             # BadVAddr
                report_dc0 $10            # EntryHi
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(6));
        Assert.Multiple(() =>
        {
            Assert.That(r[1] & CauseCodeMask, Is.EqualTo(2UL << 2), "Cause: TLBL");
            Assert.That(r[2], Is.EqualTo(r[0]), "EPC unchanged");
            Assert.That(r[3], Is.EqualTo(0x5000UL), "BadVAddr");
            Assert.That(r[4], Is.EqualTo(0x4000UL), "EntryHi");
            Assert.That(r[5], Is.EqualTo(0x20UL), "Status after ERET");
        });
    }

    [Test]
    public void InvalidAndCleanEntriesRaiseTlbInvalidAndTlbModifiedAtTheGeneralVector()
    {
        using var machine = new BareMetalMachine(mode, main: """
                # entry 3: 0x10000000 -> 0x40000 valid but clean, its odd page 0x10001000 invalid
                tlb_write 3, 0x10000000, 0x40000, LO_C | LO_V, 0x41000, LO_C
                dli $10, 0x10000000
                lw $11, 0($10)            # valid: no exception
                lw $11, 0x1000($10)       # V = 0: TLBL
                sw $0, 0x1000($10)        # V = 0: TLBS
                sw $0, 0($10)             # D = 0: TLB Modified
                tlb_write 3, 0x10000000, 0x40000, LO_C | LO_V | LO_D, 0x41000, LO_C
                li $9, 0x77
                sw $9, 0($10)             # dirty now: the store lands
                dli $8, KSEG0 + 0x40000
                lw $11, 0($8)
                report $11
                done
            """, general: """
                report_c0 $13             # Cause
                report_dc0 $8             # BadVAddr
                report_dc0 $10            # EntryHi
                skip_instruction
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(10));
        Assert.Multiple(() =>
        {
            Assert.That(r[0] & CauseCodeMask, Is.EqualTo(2UL << 2), "invalid load: TLBL");
            Assert.That(r[1], Is.EqualTo(0x1000_1000UL));
            Assert.That(r[2], Is.EqualTo(0x1000_0000UL));
            Assert.That(r[3] & CauseCodeMask, Is.EqualTo(3UL << 2), "invalid store: TLBS");
            Assert.That(r[4], Is.EqualTo(0x1000_1000UL));
            Assert.That(r[6] & CauseCodeMask, Is.EqualTo(1UL << 2), "store to a clean page: Mod");
            Assert.That(r[7], Is.EqualTo(0x1000_0000UL));
            Assert.That(r[8], Is.EqualTo(0x1000_0000UL));
            Assert.That(r[9], Is.EqualTo(0x77UL), "the store after the entry was made dirty");
        });
    }

    [Test]
    public void ProbeFindsTheEntryOrSetsPAndReadReturnsWhatWasWritten()
    {
        using var machine = new BareMetalMachine(mode, main: """
                # entry 7: a 16 KiB pair at 0x20000000, ASID 0x42; G in one half only, so not global
                tlb_write 7, 0x20000042, 0x48000, LO_C | LO_D | LO_V | LO_G, 0x4c000, LO_C | LO_V, 0x6000
                li $8, 0
                mtc0 $8, $0
                dli $8, 0x20004042        # the odd page of the pair
                dmtc0 $8, $10
                tlbp
                report_c0 $0              # Index 7
                dli $8, 0x20008042        # the next pair
                dmtc0 $8, $10
                tlbp
                report_c0 $0              # Index.P
                dli $8, 0x20000043        # another ASID
                dmtc0 $8, $10
                tlbp
                report_c0 $0              # Index.P
                li $8, 7
                mtc0 $8, $0
                dmtc0 $0, $10
                dmtc0 $0, $2
                dmtc0 $0, $3
                mtc0 $0, $5
                tlbr
                report_dc0 $10
                report_c0 $5
                report_dc0 $2
                report_dc0 $3
                done
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(7));
        Assert.Multiple(() =>
        {
            Assert.That(r[0], Is.EqualTo(7UL), "probe hit");
            Assert.That(r[1] >> 31 & 1, Is.EqualTo(1UL), "probe miss: Index.P");
            Assert.That(r[2] >> 31 & 1, Is.EqualTo(1UL), "probe with another ASID: Index.P");
            Assert.That(r[3], Is.EqualTo(0x2000_0042UL), "TLBR EntryHi");
            Assert.That(r[4], Is.EqualTo(0x6000UL), "TLBR PageMask");
            Assert.That(r[5], Is.EqualTo((0x48UL << 6) | 0x18 | 4 | 2), "TLBR EntryLo0: G cleared, the entry is not global");
            Assert.That(r[6], Is.EqualTo((0x4CUL << 6) | 0x18 | 2), "TLBR EntryLo1");
        });
    }

    [Test]
    public void AnEntryOfAnotherAsidMissesAndAGlobalOneHits()
    {
        using var machine = new BareMetalMachine(mode, main: """
                dli $8, KSEG0 + 0x40000
                li $9, 0xa
                sd $9, 0($8)
                li $9, 0xb
                sd $9, 0x2000($8)
                tlb_write 0, 0x30000003, 0x40000, LO_C | LO_V, 0x41000, LO_C | LO_V
                tlb_write 1, 0x30002003, 0x42000, LO_C | LO_V | LO_G, 0x43000, LO_C | LO_V | LO_G
                li $8, 3
                dmtc0 $8, $10             # ASID 3
                dli $10, 0x30000000
                ld $11, 0($10)
                report $11                # ASID 3's page
                ld $11, 0x2000($10)
                report $11                # the global page
                li $8, 4
                dmtc0 $8, $10             # ASID 4
                ld $11, 0x2000($10)
                report $11                # the global page still
                ld $11, 0($10)            # ASID 3's page: refill
                li $8, 3
                dmtc0 $8, $10
                ld $11, 0($10)
                report $11                # back to ASID 3: the entry is still there
                done
            """, refill: """
                report_c0 $13
                report_dc0 $10            # EntryHi: VPN2 and the current ASID
                skip_instruction
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(6));
        Assert.Multiple(() =>
        {
            Assert.That(r[0], Is.EqualTo(0xAUL));
            Assert.That(r[1], Is.EqualTo(0xBUL));
            Assert.That(r[2], Is.EqualTo(0xBUL), "global entry, other ASID");
            Assert.That(r[3] & CauseCodeMask, Is.EqualTo(2UL << 2), "non-global entry, other ASID: refill");
            Assert.That(r[4], Is.EqualTo(0x3000_0004UL));
            Assert.That(r[5], Is.EqualTo(0xAUL));
        });
    }

    [Test]
    public void A16KibPageMaskMapsTheEvenAndOddPagesOfThePair()
    {
        using var machine = new BareMetalMachine(mode, main: """
                dli $8, KSEG0 + 0x40000
                li $9, 0x10
                sd $9, 0($8)
                li $9, 0x11
                sd $9, 0x3ff8($8)
                dli $8, KSEG0 + 0x60000
                li $9, 0x20
                sd $9, 0($8)
                li $9, 0x21
                sd $9, 0x3ff8($8)
                tlb_write 5, 0x50000000, 0x40000, LO_C | LO_V | LO_D | LO_G, 0x60000, LO_C | LO_V | LO_D | LO_G, 0x6000
                dli $10, 0x50000000
                ld $11, 0($10)
                report $11
                ld $11, 0x3ff8($10)
                report $11
                ld $11, 0x4000($10)
                report $11
                ld $11, 0x7ff8($10)
                report $11
                li $9, 0x99
                sd $9, 0x4010($10)        # through the odd page into the second physical page
                dli $8, KSEG0 + 0x60010
                ld $11, 0($8)
                report $11
                dli $10, 0x50008000       # the next pair: refill
                ld $11, 0($10)
                done
            """, refill: """
                report_dc0 $8
                done
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Is.EqualTo(new ulong[] { 0x10, 0x11, 0x20, 0x21, 0x99, 0x5000_8000 }));
    }

    [Test]
    public void FetchFromAnUnmappedPageRefillsAndRunsTheCodeMappedThere()
    {
        using var machine = new BareMetalMachine(mode, main: """
                dli $8, 0x400000
                jr $8                     # nothing maps 0x400000 yet: the fetch misses
                nop
                .align 12
            mapped_code:                  # the physical page the handler maps at 0x400000
                li $2, 0x5a
                report $2
                dmfc0 $2, $14
                report $2                 # EPC of the fetch refill
                done
            """, refill: """
                report_dc0 $8             # BadVAddr: the target
                report_c0 $13
                entrylo $26, mapped_code, LO_C | LO_V
                dmtc0 $26, $2
                dmtc0 $0, $3
                tlbwr
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(4));
        Assert.Multiple(() =>
        {
            Assert.That(r[0], Is.EqualTo(0x40_0000UL), "BadVAddr");
            Assert.That(r[1] & CauseCodeMask, Is.EqualTo(2UL << 2), "Cause: TLBL for a fetch");
            Assert.That(r[2], Is.EqualTo(0x5AUL), "the mapped code ran");
            Assert.That(r[3], Is.EqualTo(0x40_0000UL), "EPC: the fetch address");
        });
    }

    [Test]
    public void RandomWritesLeaveTheWiredEntriesAlone()
    {
        using var machine = new BareMetalMachine(mode, main: """
                li $8, 62
                mtc0 $8, $6               # Wired = 62: TLBWR only replaces entries 62 and 63
                report_c0 $1              # Random restarts at the top
                dli $8, KSEG0 + 0x40000
                li $9, 0x1
                sd $9, 0($8)
                li $9, 0x2
                sd $9, 0x1000($8)
                li $9, ((0x40000 >> 12) << 6) | LO_C | LO_V
                dmtc0 $9, $2
                dmtc0 $0, $3
                mtc0 $0, $5
                li $16, 0                 # wire 0x10000000 + n * 0x2000 for n = 0..61
                lui $17, 0x1000
            wire:
                mtc0 $16, $0
                dmtc0 $17, $10
                tlbwi
                addiu $16, $16, 1
                sltiu $8, $16, 62
                bnez $8, wire
                daddiu $17, $17, 0x2000
                li $23, 0                 # refills so far
                li $18, 0
                li $16, 20                # 20 pages nothing maps: 20 TLBWRs
                lui $17, 0x2000
            fill:
                ld $11, 0($17)
                daddu $18, $18, $11
                addiu $16, $16, -1
                bnez $16, fill
                daddiu $17, $17, 0x2000
                report $23
                report $18                # 20 x 2
                li $23, 0
                li $18, 0
                li $16, 62                # the wired pages still map without a refill
                lui $17, 0x1000
            check:
                ld $11, 0($17)
                daddu $18, $18, $11
                addiu $16, $16, -1
                bnez $16, check
                daddiu $17, $17, 0x2000
                report $23
                report $18                # 62 x 1
                li $16, 16                # Random stays within Wired..63
                li $19, 63
                li $20, 0
            sample:
                mfc0 $8, $1
                sltu $9, $8, $19
                movn $19, $8, $9          # minimum
                sltu $9, $20, $8
                movn $20, $8, $9          # maximum
                addiu $16, $16, -1
                bnez $16, sample
                nop
                report $19
                report $20
                done
            """, refill: """
                li $26, ((0x41000 >> 12) << 6) | LO_C | LO_V
                dmtc0 $26, $2
                dmtc0 $0, $3
                tlbwr
                addiu $23, $23, 1
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(7));
        Assert.Multiple(() =>
        {
            Assert.That(r[0], Is.EqualTo(63UL), "Random after writing Wired");
            Assert.That(r[1], Is.EqualTo(20UL), "refills of the unmapped pages");
            Assert.That(r[2], Is.EqualTo(40UL));
            Assert.That(r[3], Is.Zero, "refills of wired pages");
            Assert.That(r[4], Is.EqualTo(62UL));
            Assert.That(r[5], Is.GreaterThanOrEqualTo(62UL), "Random minimum");
            Assert.That(r[6], Is.LessThanOrEqualTo(63UL), "Random maximum");
        });
    }

    [Test]
    public void RefillsInsideAHotLoopKeepTheLoopRegisters()
    {
        using var machine = new BareMetalMachine(mode, main: """
                li $16, 0                 # physical page n of 0x40000.. holds n + 1 at offset 0x100
                dli $17, KSEG0 + 0x40100
            mark:
                addiu $16, $16, 1
                sd $16, 0($17)
                sltiu $8, $16, 32
                bnez $8, mark
                daddiu $17, $17, 0x1000
                li $23, 0                 # refills
                li $18, 0                 # sum
                li $19, 3                 # passes: the first refills all 16 pairs, the others hit
            pass:
                li $16, 32
                lui $17, 0x3000
            walk:                         # hot: compiled while it still takes refills
                ld $11, 0x100($17)
                daddu $18, $18, $11
                addiu $16, $16, -1
                bnez $16, walk
                daddiu $17, $17, 0x1000
                addiu $19, $19, -1
                bnez $19, pass
                nop
                report $18                # 3 x (1 + ... + 32)
                report $23
                done
            """, refill: """
                dmfc0 $26, $8             # map the pair of BadVAddr: 0x30000000 + x -> 0x40000 + x
                lui $27, 0x3000
                dsubu $26, $26, $27
                li $27, -8192
                and $26, $26, $27
                lui $27, 0x4
                daddu $26, $26, $27
                dsrl $26, $26, 6
                ori $26, $26, LO_C | LO_V
                dmtc0 $26, $2
                daddiu $26, $26, 0x40     # the next physical page
                dmtc0 $26, $3
                tlbwr
                addiu $23, $23, 1
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Is.EqualTo(new ulong[] { 3 * 528, 16 }));
    }

    [Test]
    public void ADelaySlotOnAnInvalidPageFaultsAtTheBranchAndRunsOnceMapped()
    {
        using var machine = new BareMetalMachine(mode, main: """
                # entry 0: 0x400000 -> code_pages (valid), 0x401000 -> the next page (invalid for now)
                entrylo $8, code_pages, LO_C | LO_V
                dmtc0 $8, $2
                dmtc0 $0, $3
                mtc0 $0, $0
                mtc0 $0, $5
                dli $9, 0x400000
                dmtc0 $9, $10
                tlbwi
                li $2, 0x11
                dli $9, 0x400ffc          # straight to the branch: ERET comes back to the same block start
                jr $9
                nop
                .align 12
            code_pages:
                .org code_pages + 0xffc
                b last_part               # the last word of the page: its delay slot is on the next one
                li $3, 0x22
                nop
            last_part:
                report $2
                report $3
                done
            """, general: """
                report_c0 $13             # TLBL in a delay slot
                report_dc0 $14
                report_dc0 $8
                tlbp                      # EntryHi holds the faulting pair: find its entry ...
                tlbr
                dmfc0 $26, $2
                daddiu $26, $26, 0x40     # ... and make the odd page valid: the next physical page
                dmtc0 $26, $3
                tlbwi
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(5));
        Assert.Multiple(() =>
        {
            Assert.That(r[0] & CauseCodeMask, Is.EqualTo(0xFFFF_FFFF_8000_0000UL | (2UL << 2)), "Cause: TLBL, BD");
            Assert.That(r[1], Is.EqualTo(0x40_0FFCUL), "EPC: the branch");
            Assert.That(r[2], Is.EqualTo(0x40_1000UL), "BadVAddr: the delay slot");
            Assert.That(r[3], Is.EqualTo(0x11UL));
            Assert.That(r[4], Is.EqualTo(0x22UL), "the delay slot ran after the handler mapped its page");
        });
    }

    [Test]
    public void RewritingAnEntryTakesEffectAtTheNextAccess()
    {
        using var machine = new BareMetalMachine(mode, main: """
                dli $8, KSEG0 + 0x40000
                li $9, 1
                sd $9, 0($8)
                li $9, 2
                sd $9, 0x2000($8)
                tlb_write 5, 0x10000000, 0x40000, LO_C | LO_V, 0x41000, 0
                lui $10, 0x1000
                li $16, 10
                li $18, 0
            read:                         # hot: the page's translation is cached while it runs
                ld $11, 0($10)
                addiu $16, $16, -1
                bnez $16, read
                daddu $18, $18, $11
                report $18
                tlb_write 5, 0x10000000, 0x42000, LO_C | LO_V, 0x43000, 0
                ld $11, 0($10)
                report $11                # the new page
                tlb_write 5, 0x20000000, 0x42000, LO_C | LO_V, 0x43000, 0
                ld $11, 0($10)            # nothing maps 0x10000000 any more: refill
                done
            """, refill: """
                report_dc0 $8
                done
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Is.EqualTo(new ulong[] { 10, 2, 0x1000_0000 }));
    }

    [Test]
    public void CodeAtOneVirtualAddressFollowsTheMappingAndTheAsid()
    {
        using var machine = new BareMetalMachine(mode, main: """
                entrylo $8, code_a, LO_C | LO_V
                li $9, 0
                mtc0 $9, $0
                dli $9, 0x400001          # entry 0: 0x400000 for ASID 1 -> code_a
                dmtc0 $9, $10
                dmtc0 $8, $2
                dmtc0 $0, $3
                mtc0 $0, $5
                tlbwi
                entrylo $8, code_b, LO_C | LO_V
                li $9, 1
                mtc0 $9, $0
                dli $9, 0x400002          # entry 1: 0x400000 for ASID 2 -> code_b
                dmtc0 $9, $10
                dmtc0 $8, $2
                tlbwi
                li $8, 1
                dmtc0 $8, $10             # ASID 1
                dli $17, 0x400000
                li $16, 20
                li $18, 0
            call_a:                       # run code_a until it is compiled
                jalr $17
                nop
                addiu $16, $16, -1
                bnez $16, call_a
                daddu $18, $18, $2
                report $18
                await_compiled 0x400000
                li $8, 2
                dmtc0 $8, $10             # ASID 2: the same address is code_b
                jalr $17
                nop
                report $2
                entrylo $8, code_c, LO_C | LO_V
                li $9, 0
                mtc0 $9, $0
                dli $9, 0x400001          # entry 0 remapped: ASID 1's 0x400000 is code_c now
                dmtc0 $9, $10             # (ASID 1 again)
                dmtc0 $8, $2
                dmtc0 $0, $3
                tlbwi
                jalr $17
                nop
                report $2
                done
                .align 12
            code_a:
                jr $31
                li $2, 1
                .align 12
            code_b:
                jr $31
                li $2, 2
                .align 12
            code_c:
                jr $31
                li $2, 3
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Is.EqualTo(new ulong[] { 20, 2, 3 }));
    }

    [Test]
    public void Kseg3IsMappedAndItsRefillsUseTheTlbVectorWithoutKx()
    {
        using var machine = new BareMetalMachine(mode, main: """
                dli $8, KSEG0 + 0x40ff0
                li $9, 0x3ee
                sd $9, 0($8)
                lui $10, 0xe000           # 0xffffffffe0000000: kseg3
                ld $11, 0xff0($10)
                report $11
                done
            """, refill: """
                report_dc0 $8
                report_dc0 $10            # R = 3 and VPN2 of the sign-extended address
                li $26, ((0x40000 >> 12) << 6) | LO_C | LO_V
                dmtc0 $26, $2
                dmtc0 $0, $3
                tlbwr
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Is.EqualTo(new ulong[] { 0xFFFF_FFFF_E000_0FF0, 0xC000_FFFF_E000_0000, 0x3EE }));
    }
}
