using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.BareMetal;

/// <summary>
/// Exception entry as MIPS64 Volume III 6.2 defines it: EPC and Cause.BD for branch delay slots, nesting
/// at exception level, address errors, privilege in user mode, coprocessor usability, bus errors, the
/// boot-time (BEV) vectors, and ERET.
/// </summary>
[TestFixture(EngineMode.Interpreter)]
[TestFixture(EngineMode.Compiled)]
[TestFixture(EngineMode.Tiered)]
public class ExceptionTests(EngineMode mode)
{
    private const ulong CauseCodeMask = 0xFFFF_FFFF_B000_00FF;
    private const ulong CauseBD = 0xFFFF_FFFF_8000_0000;

    /// <summary>Reports Cause and EPC, and resumes after the instruction (not used for delay slots).</summary>
    private const string ReportAndSkip = """
            report_c0 $13
            report_dc0 $14
            skip_instruction
            eret
        """;

    [Test]
    public void ExceptionsInADelaySlotReportTheBranchWithBDSet()
    {
        using var machine = new BareMetalMachine(mode, main: """
                dla $8, plain_syscall
                report $8
            plain_syscall:
                syscall                   # not in a slot: EPC = the syscall, BD = 0
                dla $8, branch
                report $8
                dla $20, after_branch     # where the handler resumes
            branch:
                beq $0, $0, after_branch
                syscall                   # in the slot: EPC = the branch, BD = 1
            after_branch:
                dla $8, jump
                report $8
                dla $20, after_jump
                dla $9, after_jump
                dli $10, KSEG0 + 0x40002
            jump:
                jr $9
                lw $11, 0($10)            # a misaligned load in a jump's slot: AdEL, BD = 1
            after_jump:
                done
            """, general: """
                report_c0 $13
                report_dc0 $14
                mfc0 $26, $13
                bltz $26, 1f              # BD: resume at the branch's target, which the main code put in $20
                nop
                skip_instruction
                eret
            1:  dmtc0 $20, $14
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(9));
        Assert.Multiple(() =>
        {
            Assert.That(r[1] & CauseCodeMask, Is.EqualTo(8UL << 2), "syscall, not in a slot: Cause.BD = 0");
            Assert.That(r[2], Is.EqualTo(r[0]), "EPC = the syscall");
            Assert.That(r[4] & CauseCodeMask, Is.EqualTo(CauseBD | (8UL << 2)), "syscall in a slot: Cause.BD = 1");
            Assert.That(r[5], Is.EqualTo(r[3]), "EPC = the branch");
            Assert.That(r[7] & CauseCodeMask, Is.EqualTo(CauseBD | (4UL << 2)), "AdEL in a slot: Cause.BD = 1");
            Assert.That(r[8], Is.EqualTo(r[6]), "EPC = the jump");
        });
    }

    [Test]
    public void AnExceptionAtExceptionLevelKeepsEpcAndBD()
    {
        using var machine = new BareMetalMachine(mode, main: """
                dla $8, branch
                report $8
                li $20, 0
            branch:
                bne $0, $0, branch
                syscall                   # in a slot, not taken: EPC = the branch, BD = 1
                unexpected 0x5107         # the handler ends the run
            """, general: """
                report_c0 $13
                report_dc0 $14
                bnez $20, 1f
                li $20, 1
                break                     # EXL = 1: EPC and BD must stay as they are
            1:  done
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(5));
        Assert.Multiple(() =>
        {
            Assert.That(r[1] & CauseCodeMask, Is.EqualTo(CauseBD | (8UL << 2)), "first: syscall in a slot");
            Assert.That(r[2], Is.EqualTo(r[0]), "first: EPC = the branch");
            Assert.That(r[3] & CauseCodeMask, Is.EqualTo(CauseBD | (9UL << 2)), "nested: Bp, BD not updated");
            Assert.That(r[4], Is.EqualTo(r[0]), "nested: EPC not updated");
        });
    }

    [Test]
    public void MisalignedAccessesRaiseAddressErrorsWithBadVAddr()
    {
        using var machine = new BareMetalMachine(mode, main: """
                dli $10, KSEG0 + 0x40000
                dla $8, misaligned_load
                report $8
            misaligned_load:
                lw $11, 2($10)            # AdEL
                sd $0, 4($10)             # AdES
                lh $11, 1($10)            # AdEL
                lwl $11, 1($10)           # unaligned by design: no exception
                dli $9, KSEG0 + 0x40001
                dla $20, after_jump
                jr $9                     # a fetch from a misaligned PC: AdEL at the target
                nop
            after_jump:
                done
            """, general: """
                report_c0 $13
                report_dc0 $14
                report_dc0 $8
                dmfc0 $26, $14
                andi $26, $26, 3
                bnez $26, 1f              # a misaligned PC: resume in the main code
                nop
                skip_instruction
                eret
            1:  dmtc0 $20, $14
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(13));
        ulong load = r[0];
        Assert.Multiple(() =>
        {
            Assert.That(r[1] & CauseCodeMask, Is.EqualTo(4UL << 2), "lw: AdEL");
            Assert.That(r[2], Is.EqualTo(load));
            Assert.That(r[3], Is.EqualTo(0xFFFF_FFFF_8004_0002UL));
            Assert.That(r[4] & CauseCodeMask, Is.EqualTo(5UL << 2), "sd: AdES");
            Assert.That(r[5], Is.EqualTo(load + 4));
            Assert.That(r[6], Is.EqualTo(0xFFFF_FFFF_8004_0004UL));
            Assert.That(r[7] & CauseCodeMask, Is.EqualTo(4UL << 2), "lh: AdEL");
            Assert.That(r[8], Is.EqualTo(load + 8));
            Assert.That(r[9], Is.EqualTo(0xFFFF_FFFF_8004_0001UL));
            Assert.That(r[10] & CauseCodeMask, Is.EqualTo(4UL << 2), "fetch: AdEL");
            Assert.That(r[11], Is.EqualTo(0xFFFF_FFFF_8004_0001UL), "fetch: EPC = the misaligned PC");
            Assert.That(r[12], Is.EqualTo(0xFFFF_FFFF_8004_0001UL), "fetch: BadVAddr = the misaligned PC");
        });
    }

    [Test]
    public void UserModeCannotReachKernelAddressesOrCp0()
    {
        using var machine = new BareMetalMachine(mode, main: """
                li $8, user_load - user_code
                report $8
                enter_user user_code, 0x400000  # kseg0 is kernel only: user code needs a TLB mapping
                .align 12
            user_code:
                dli $10, KSEG0 + 0x40000
            user_load:
                lw $11, 0($10)            # kseg0 from user mode: AdEL
            user_mfc0:
                mfc0 $11, $12             # CP0 without Status.CU0: Coprocessor Unusable, CE = 0
                li $11, 0x600d
                syscall                   # back to the kernel for good
            """, general: """
                report_c0 $13
                report_dc0 $14
                report_dc0 $8
                report_c0 $12
                mfc0 $26, $13
                andi $26, $26, 0x7c
                li $27, 8 << 2
                beq $26, $27, 1f          # the syscall: done
                nop
                skip_instruction
                eret
            1:  report $11
                done
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(14));
        ulong load = 0x40_0000UL + r[0];
        Assert.Multiple(() =>
        {
            Assert.That(r[1] & CauseCodeMask, Is.EqualTo(4UL << 2), "user load from kseg0: AdEL");
            Assert.That(r[2], Is.EqualTo(load), "EPC: the load");
            Assert.That(r[3], Is.EqualTo(0xFFFF_FFFF_8004_0000UL), "BadVAddr");
            Assert.That(r[4], Is.EqualTo(0x12UL), "Status: KSU still user, EXL set");
            Assert.That(r[5] & CauseCodeMask, Is.EqualTo(11UL << 2), "user mfc0: CpU, CE = 0");
            Assert.That(r[6], Is.EqualTo(load + 4), "EPC: the mfc0");
            Assert.That(r[9] & CauseCodeMask, Is.EqualTo(8UL << 2), "syscall");
            Assert.That(r[13], Is.EqualTo(0x600DUL), "user mode ran on after the handled exceptions");
        });
    }

    [Test]
    public void FpuInstructionsNeedStatusCu1()
    {
        using var machine = new BareMetalMachine(mode, main: """
                li $8, 0x4000000          # Status.FR, CU1 = 0
                mtc0 $8, $12
                li $9, 0x1234
                dla $8, fpu_move
                report $8
            fpu_move:
                dmtc1 $9, $f2             # CU1 = 0: Coprocessor Unusable, CE = 1; the handler sets CU1 and retries
                dmfc1 $10, $f2
                report $10
                report_c0 $12
                done
            """, general: """
                report_c0 $13
                report_dc0 $14
                mfc0 $26, $12
                lui $27, 0x2000           # CU1
                or $26, $26, $27
                mtc0 $26, $12
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Is.EqualTo(new ulong[] { r[0], (1UL << 28) | (11UL << 2), r[0], 0x1234, 0x2400_0000 }));
    }

    [Test]
    public void UnassignedPhysicalAddressesRaiseBusErrors()
    {
        using var machine = new BareMetalMachine(mode, main: """
                li $8, 0x80               # Status.KX: xkphys is usable
                mtc0 $8, $12
                dli $10, KSEG0 + 0x40002
                lw $11, 0($10)            # AdEL: BadVAddr now holds 0x...40002
                dli $10, XKPHYS_UNCACHED + UNASSIGNED
                dla $8, bus_load
                report $8
            bus_load:
                ld $11, 8($10)            # DBE; BadVAddr is not written by bus errors
                sw $0, 0($10)             # DBE on a store too
                dla $20, after_jump
                jr $10                    # IBE at the target
                nop
            after_jump:
                done
            """, general: """
                report_c0 $13
                report_dc0 $14
                report_dc0 $8
                mfc0 $26, $13
                andi $26, $26, 0x7c
                li $27, 6 << 2
                beq $26, $27, 1f          # IBE: resume in the main code
                nop
                skip_instruction
                eret
            1:  dmtc0 $20, $14
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(13));
        const ulong target = 0x9000_0000_2000_0000;
        Assert.Multiple(() =>
        {
            Assert.That(r[4] & CauseCodeMask, Is.EqualTo(7UL << 2), "load: DBE");
            Assert.That(r[5], Is.EqualTo(r[3]), "load: EPC");
            Assert.That(r[6], Is.EqualTo(0xFFFF_FFFF_8004_0002UL), "load: BadVAddr unchanged");
            Assert.That(r[7] & CauseCodeMask, Is.EqualTo(7UL << 2), "store: DBE");
            Assert.That(r[8], Is.EqualTo(r[3] + 4), "store: EPC");
            Assert.That(r[10] & CauseCodeMask, Is.EqualTo(6UL << 2), "fetch: IBE");
            Assert.That(r[11], Is.EqualTo(target), "fetch: EPC = the unassigned PC");
        });
    }

    [Test]
    public void AfterAHardwareResetExceptionsUseTheBootVectors()
    {
        using var machine = new BareMetalMachine(mode, hardwareReset: true, main: """
                report_c0 $12             # Status at reset: BEV, ERL
                li $8, 0x400000           # BEV only: out of the error level, still the boot vectors
                mtc0 $8, $12
                syscall                   # general exception: 0xbfc00380
                dli $10, 0x1000
                lw $11, 0($10)            # TLB refill: 0xbfc00200
                done
            """, rom: $"""
            .org 0x200
                li $1, 0x200
                report $1
                report_c0 $13
                done
            .org 0x380
                li $1, 0x380
                report $1
                report_c0 $13
                report_c0 $12
                {ReportAndSkip}
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(8));
        Assert.Multiple(() =>
        {
            Assert.That(r[0], Is.EqualTo(0x0040_0004UL), "Status at reset");
            Assert.That(r[1], Is.EqualTo(0x380UL), "syscall: BEV general vector");
            Assert.That(r[2] & CauseCodeMask, Is.EqualTo(8UL << 2));
            Assert.That(r[3], Is.EqualTo(0x0040_0002UL), "Status: BEV, EXL");
            Assert.That(r[6], Is.EqualTo(0x200UL), "refill: BEV TLB refill vector");
            Assert.That(r[7] & CauseCodeMask, Is.EqualTo(2UL << 2));
        });
    }

    [Test]
    public void EretClearsTheLinkSoAStoreConditionalAcrossAnExceptionFails()
    {
        using var machine = new BareMetalMachine(mode, main: """
                dli $10, KSEG0 + 0x40000
                li $9, 5
                sw $9, 0($10)
                ll $11, 0($10)
                li $12, 6
                sc $12, 0($10)            # nothing in between: succeeds
                report $12
                ll $11, 0($10)
                syscall                   # the handler returns with ERET
                li $12, 7
                sc $12, 0($10)            # ERET cleared LLbit: fails
                report $12
                lw $11, 0($10)
                report $11
                done
            """, general: """
                skip_instruction
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Is.EqualTo(new ulong[] { 1, 0, 6 }));
    }

    [Test]
    public void DiAndEiReturnTheOldStatus()
    {
        using var machine = new BareMetalMachine(mode, main: """
                li $8, 0x4001             # IM6 (nothing drives IP6), IE
                mtc0 $8, $12
                di $9
                report $9
                report_c0 $12
                ei $9
                report $9
                report_c0 $12
                di                        # rt = 0: the old value is dropped
                report_c0 $12
                done
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Is.EqualTo(new ulong[] { 0x4001, 0x4000, 0x4000, 0x4001, 0x4000 }));
    }

    [Test]
    public void AtErrorLevelKusegIsUnmappedAndEretReturnsToErrorEpc()
    {
        using var machine = new BareMetalMachine(mode, main: """
                dli $8, KSEG0 + 0x40000
                li $9, 0x5eed
                sd $9, 0($8)
                li $8, 0x4                # Status.ERL: kuseg addresses are physical
                mtc0 $8, $12
                dli $10, 0x40000
                ld $11, 0($10)
                report $11
                dla $8, error_return
                dmtc0 $8, $30             # ErrorEPC
                dla $8, wrong_return
                dmtc0 $8, $14             # EPC: not where ERET goes while ERL is set
                eret
            wrong_return:
                unexpected 0xe7
            error_return:
                report_c0 $12             # ERET cleared ERL
                ld $11, 0($10)            # mapped again: TLB refill
                done
            """, refill: """
                report_c0 $13
                report_dc0 $8
                done
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(4));
        Assert.Multiple(() =>
        {
            Assert.That(r[0], Is.EqualTo(0x5EEDUL), "kuseg unmapped at error level");
            Assert.That(r[1], Is.Zero, "Status after ERET");
            Assert.That(r[2] & CauseCodeMask, Is.EqualTo(2UL << 2), "kuseg mapped again");
            Assert.That(r[3], Is.EqualTo(0x40000UL));
        });
    }

    [Test]
    public void WritingEBaseMovesTheExceptionVectors()
    {
        using var machine = new BareMetalMachine(mode, main: """
                dla $8, vectors
                report $8
                mtc0 $8, $15, 1           # EBase
                report_c0 $15, 1
                syscall                   # vectors + 0x180
                report $20
                dli $10, 0x1000
                lw $11, 0($10)            # vectors + 0x000
                unexpected 0xeba5e
                .align 12
            vectors:
                li $1, 0x1000
                report $1
                done
                .org vectors + 0x180
                li $20, 0x180
                skip_instruction
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Is.EqualTo(new ulong[] { r[0], r[0], 0x180, 0x1000 }));
    }

    [Test]
    public void UserRdhwrFollowsHwrEna()
    {
        using var machine = new BareMetalMachine(mode, main: """
                li $8, -1
                mtc0 $8, $7               # HWREna: only bits 3:0 exist on this core (no ULR)
                li $8, 0x4
                mtc0 $8, $7               # user code may read CC only
                enter_user user_code, 0x400000
                .align 12
            user_code:
                rdhwr $2, $2              # CC: enabled
                rdhwr $3, $29             # ULR: HWREna cannot enable it, Reserved Instruction
                rdhwr $4, $0              # CPUNum: not enabled, Reserved Instruction
                li $11, 0x600d
                syscall
            """, general: """
                report_c0 $13
                report_dc0 $14
                mfc0 $26, $13
                andi $26, $26, 0x7c
                li $27, 8 << 2
                beq $26, $27, 1f
                nop
                skip_instruction
                eret
            1:  report $11
                done
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(7));
        Assert.Multiple(() =>
        {
            Assert.That(r[0] & CauseCodeMask, Is.EqualTo(10UL << 2), "rdhwr $29: RI");
            Assert.That(r[1], Is.EqualTo(0x40_0004UL));
            Assert.That(r[2] & CauseCodeMask, Is.EqualTo(10UL << 2), "rdhwr $0: RI");
            Assert.That(r[3], Is.EqualTo(0x40_0008UL));
            Assert.That(r[4] & CauseCodeMask, Is.EqualTo(8UL << 2));
            Assert.That(r[6], Is.EqualTo(0x600DUL));
        });
    }

    [Test]
    public void RdhwrReadsCountAndTheCoreConstantsInKernelMode()
    {
        using var machine = new BareMetalMachine(mode, main: """
                mfc0 $8, $9
                rdhwr $9, $2              # CC: the Count register
                subu $10, $9, $8
                report $10
                rdhwr $9, $3              # CCRes
                report $9
                rdhwr $9, $1              # SYNCI_Step
                report $9
                rdhwr $9, $0              # CPUNum: EBase.CPUNum
                report $9
                done
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(4));
        Assert.Multiple(() =>
        {
            Assert.That((long)r[0], Is.InRange(0L, 400_000L), "CC - Count right after reading Count: under 1 ms");
            Assert.That(r[1], Is.EqualTo(2UL), "CCRes");
            Assert.That(r[2], Is.EqualTo(32UL), "SYNCI_Step");
            Assert.That(r[3], Is.Zero, "CPUNum");
        });
    }

    [Test]
    public void UserModeAddressesFollowUxAndKernelCodeCannotBeFetched()
    {
        using var machine = new BareMetalMachine(mode, main: """
                li $20, 0
                enter_user user_code, 0x400000
                .align 12
            user_code:
                li $10, 1
                dsll32 $10, $10, 0        # 0x100000000
                lw $11, 0($10)            # UX = 0: beyond user's 2 GiB, AdEL (the handler sets UX)
                lw $11, 0($10)            # UX = 1: a 64-bit user address, TLB refill at the XTLB vector
                lui $9, 0x8000
                jr $9                     # kseg0: the fetch raises AdEL
                nop
            """, xtlbRefill: """
                report_c0 $13
                report_dc0 $14
                report_dc0 $8
                skip_instruction
                eret
            """, general: """
                report_c0 $13
                report_dc0 $14
                report_dc0 $8
                bnez $20, 1f              # the second one is the fetch: done
                li $20, 1
                mfc0 $26, $12
                ori $26, $26, 0x20        # Status.UX
                mtc0 $26, $12
                skip_instruction
                eret
            1:  done
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(9));
        Assert.Multiple(() =>
        {
            Assert.That(r[0] & CauseCodeMask, Is.EqualTo(4UL << 2), "UX = 0: AdEL");
            Assert.That(r[1], Is.EqualTo(0x40_0008UL));
            Assert.That(r[2], Is.EqualTo(0x1_0000_0000UL));
            Assert.That(r[3] & CauseCodeMask, Is.EqualTo(2UL << 2), "UX = 1: TLBL at the XTLB vector");
            Assert.That(r[4], Is.EqualTo(0x40_000CUL));
            Assert.That(r[5], Is.EqualTo(0x1_0000_0000UL));
            Assert.That(r[6] & CauseCodeMask, Is.EqualTo(4UL << 2), "fetch from kseg0: AdEL");
            Assert.That(r[7], Is.EqualTo(0xFFFF_FFFF_8000_0000UL), "EPC = the target");
            Assert.That(r[8], Is.EqualTo(0xFFFF_FFFF_8000_0000UL), "BadVAddr = the target");
        });
    }

    [Test]
    public void SixtyFourBitKernelSegmentsNeedStatusKx()
    {
        using var machine = new BareMetalMachine(mode, main: """
                dli $10, XKPHYS_UNCACHED + 0x1000
                ld $11, 0($10)            # KX = 0: xkphys is not there, AdEL
                li $8, 0x80               # KX = 1
                mtc0 $8, $12
                ld $11, 0($10)            # now a plain load of RAM
                dli $10, 0xc000000000002000
                ld $11, 0($10)            # xkseg with KX = 1: mapped, no entry, XTLB refill
                done
            """, xtlbRefill: """
                report_c0 $13
                done
            """, general: """
                report_c0 $13
                report_dc0 $8
                skip_instruction
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That(r[0] & CauseCodeMask, Is.EqualTo(4UL << 2), "KX = 0: AdEL");
            Assert.That(r[1], Is.EqualTo(0x9000_0000_0000_1000UL), "BadVAddr");
            Assert.That(r[2] & CauseCodeMask, Is.EqualTo(2UL << 2), "KX = 1: xkseg refills");
        });
    }

    [Test]
    public void AddressesBeyondTheImplementedBitsRaiseAddressErrors()
    {
        using var machine = new BareMetalMachine(mode, main: """
                li $8, 0xe0               # KX, SX, UX: every 64-bit segment enabled
                mtc0 $8, $12
                dli $10, 0x9001000000000000
                ld $11, 0($10)            # xkphys with physical address bit 48 (PABITS = 48): AdEL
                dli $10, 0xc001000000000000
                ld $11, 0($10)            # xkseg beyond SEGBITS = 48: AdEL
                dli $10, 0x0001000000000000
                ld $11, 0($10)            # xuseg beyond SEGBITS: AdEL
                dli $10, 0x4001000000000000
                sd $0, 0($10)             # xsseg beyond SEGBITS: AdES
                dli $10, 0x4000000000002000
                ld $11, 0($10)            # xsseg within SEGBITS: mapped, XTLB refill
                done
            """, xtlbRefill: """
                report_c0 $13
                report_dc0 $8
                done
            """, general: """
                report_c0 $13
                report_dc0 $8
                skip_instruction
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(10));
        Assert.Multiple(() =>
        {
            ulong[] addresses = [0x9001_0000_0000_0000, 0xC001_0000_0000_0000, 0x0001_0000_0000_0000, 0x4001_0000_0000_0000, 0x4000_0000_0000_2000];
            ulong[] codes = [4, 4, 4, 5, 2];
            for (int i = 0; i < 5; i++)
            {
                Assert.That(r[2 * i] & CauseCodeMask, Is.EqualTo(codes[i] << 2), $"ExcCode for 0x{addresses[i]:x}");
                Assert.That(r[(2 * i) + 1], Is.EqualTo(addresses[i]), "BadVAddr");
            }
        });
    }
}
