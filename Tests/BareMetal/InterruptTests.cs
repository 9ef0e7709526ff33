using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.BareMetal;

/// <summary>
/// Interrupts as MIPS64 Volume III 6.1 and 9.x define them on this core (PLATFORM.md 6.1): the Count/Compare
/// timer on IP7 with Cause.TI, software interrupts IP0/IP1, Status.IE and IM, the Cause.IV vector, and WAIT.
/// </summary>
[TestFixture(EngineMode.Interpreter)]
[TestFixture(EngineMode.Compiled)]
[TestFixture(EngineMode.Tiered)]
public class InterruptTests(EngineMode mode)
{
    private const ulong CauseTI = 1UL << 30;
    private const ulong CauseIP7 = 1UL << 15;

    /// <summary>
    /// Loops until the handler sets <c>$20</c> or Count passes <c>$21</c>, then returns to <c>$31</c>. Bounded by
    /// Count, not by rounds, so the bound means the same in every tier.
    /// </summary>
    private const string Spin = """
        spin:
            bnez $20, 1f
            mfc0 $9, $9
            subu $9, $9, $21          # Count - deadline, as a signed 32-bit distance
            bltz $9, spin
            nop
        1:  jr $31
            nop
        """;

    [Test]
    public void TheTimerInterruptsACompiledSpinLoopAndWritingCompareAcknowledgesIt()
    {
        using var machine = new BareMetalMachine(mode, main: $"""
                li $20, 0
                mfc0 $8, $9
                addiu $8, $8, -1
                mtc0 $8, $11              # Compare a full wrap away: the write path is warm, nothing fires
                li $16, 5
            warm:                         # a few rounds with an expired deadline, so that Tiered mode compiles the loop
                mfc0 $21, $9
                bal spin
                addiu $16, $16, -1
                bnez $16, warm
                nop
                await_compiled spin
                mfc0 $8, $9
                li $9, 4000000            # Compare = Count + 10 ms at 400 MHz
                addu $8, $8, $9
                mtc0 $8, $11
                lui $9, 0x17d8            # the loop gives up after 1 s (0x17d80000 cycles)
                addu $21, $8, $9
                li $8, 0x8001             # IM7, IE
                mtc0 $8, $12
                bal spin
                nop
                report $20                # the handler ran
                report_c0 $13             # nothing pending any more
                done
            {Spin}
            """, general: """
                report_c0 $13             # IP7 and TI, ExcCode 0
                dmfc0 $26, $14
                dla $27, spin             # EPC: inside the spin loop
                dsubu $26, $26, $27
                report $26
                mfc0 $26, $9
                addiu $26, $26, -1
                mtc0 $26, $11             # writing Compare acknowledges (the next match is a full wrap away)
                report_c0 $13
                li $20, 1
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(5));
        Assert.Multiple(() =>
        {
            Assert.That(r[0], Is.EqualTo(CauseTI | CauseIP7), "Cause in the handler: TI, IP7, ExcCode Int, BD = 0");
            Assert.That(r[1], Is.LessThan(28UL), "EPC in the spin loop");
            Assert.That(r[2], Is.Zero, "Cause after writing Compare");
            Assert.That(r[3], Is.EqualTo(1UL), "the loop ended because of the interrupt");
            Assert.That(r[4], Is.Zero);
        });
    }

    [Test]
    public void WithInterruptsDisabledTheTimerOnlyShowsInCause()
    {
        using var machine = new BareMetalMachine(mode, main: """
                li $8, 0x8000             # IM7, IE = 0
                mtc0 $8, $12
                mfc0 $8, $9
                addiu $8, $8, -1
                mtc0 $8, $11              # warm the write path
                mfc0 $8, $9
                li $9, 400000             # Compare = Count + 1 ms
                addu $8, $8, $9
                mtc0 $8, $11
                lui $9, 0x17d8
                addu $21, $8, $9          # give up after 1 s
            poll:                         # wait for Cause.IP7 (an interrupt taken would fail the test)
                mfc0 $9, $13
                andi $9, $9, 0x8000
                bnez $9, pending
                mfc0 $9, $9
                subu $9, $9, $21
                bltz $9, poll
                nop
            pending:
                report_c0 $13
                mtc0 $8, $11              # writing Compare acknowledges
                report_c0 $13
                done
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Is.EqualTo(new ulong[] { CauseTI | CauseIP7, 0 }));
    }

    [Test]
    public void ASoftwareInterruptWithCauseIVIsTakenAtTheInterruptVector()
    {
        using var machine = new BareMetalMachine(mode, main: """
                li $8, 0x0101             # IM0, IE
                mtc0 $8, $12
                li $8, 0x00800000         # Cause.IV: interrupts at EBase + 0x200
                mtc0 $8, $13
                dla $8, requested
                report $8
                li $8, 0x00800100         # IV, IP0: request software interrupt 0
                mtc0 $8, $13
            requested:
                ehb                       # the interrupt is taken once the CP0 hazard has cleared
            cleared:
                dla $8, cleared
                report $8
                done
            """, interrupt: """
                report_c0 $13             # IV, IP0, ExcCode Int
                report_dc0 $14
                li $26, 0x00800000
                mtc0 $26, $13             # clear IP0
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(4));
        Assert.Multiple(() =>
        {
            Assert.That(r[1], Is.EqualTo(0x0080_0100UL), "Cause: IV, IP0, ExcCode 0");
            Assert.That(r[2], Is.EqualTo(r[0]).Or.EqualTo(r[3]), "EPC: right after the mtc0, at most after the ehb");
        });
    }

    [Test]
    public void WaitSleepsUntilTheTimerInterrupt()
    {
        using var machine = new BareMetalMachine(mode, main: """
                li $20, 0
                dla $8, after_wait
                report $8
                mfc0 $8, $9
                addiu $8, $8, -1
                mtc0 $8, $11              # warm the write path
                mfc0 $8, $9
                li $9, 20000000           # 50 ms: longer than the vCPU's idle slice
                addu $8, $8, $9
                mtc0 $8, $11
                li $8, 0x8001             # IM7, IE
                mtc0 $8, $12
                wait
            after_wait:
                report $22                # EPC of the last interrupt
                report $20
                done
            """, general: """
                dmfc0 $22, $14
                mfc0 $26, $9              # acknowledge, and re-arm in case this one came before the wait
                li $27, 4000000
                addu $26, $26, $27
                mtc0 $26, $11
                li $20, 1
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Is.EqualTo(new ulong[] { r[0], r[0], 1 }), "EPC: the instruction after the wait");
    }

    [Test]
    public void AHardwareLineIsTakenOnceUnmaskedAndStaysUntilTheDeviceLowersIt()
    {
        using var machine = new BareMetalMachine(mode, main: """
                li $20, 0
                li $8, 0x0001             # IE, but IM2 = 0
                mtc0 $8, $12
                set_line 2, 1             # the device raises IP2
                report_c0 $13             # pending in Cause, masked: not taken
                dla $8, unmasked
                report $8
                li $8, 0x0401             # IM2, IE
                mtc0 $8, $12
            unmasked:
                ehb                       # taken once the CP0 hazard has cleared
            cleared:
                dla $8, cleared
                report $8
                report $20
                report_c0 $13             # the handler had the device lower the line
                done
            """, general: """
                report_c0 $13             # IP2, ExcCode Int
                report_dc0 $14
                set_line 2, 0
                li $20, 1
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(7));
        Assert.Multiple(() =>
        {
            Assert.That(r[0], Is.EqualTo(1UL << 10), "Cause.IP2 while masked");
            Assert.That(r[2], Is.EqualTo(1UL << 10), "Cause in the handler: IP2, ExcCode 0");
            Assert.That(r[3], Is.EqualTo(r[1]).Or.EqualTo(r[4]), "EPC: right after the mtc0, at most after the ehb");
            Assert.That(r[5], Is.EqualTo(1UL));
            Assert.That(r[6], Is.Zero, "Cause after the line went down");
        });
    }

    [Test]
    public void EiTakesAnInterruptThatWasAlreadyPending()
    {
        using var machine = new BareMetalMachine(mode, main: """
                li $8, 0x0200             # IM1, IE = 0
                mtc0 $8, $12
                li $8, 0x0200             # request software interrupt 1
                mtc0 $8, $13
                report_c0 $13             # pending, not taken
                dla $8, enabled
                report $8
                ei
            enabled:
                ehb
            cleared:
                dla $8, cleared
                report $8
                done
            """, general: """
                report_c0 $13
                report_dc0 $14
                mtc0 $0, $13              # clear IP1
                eret
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Has.Count.EqualTo(5));
        Assert.Multiple(() =>
        {
            Assert.That(r[0], Is.EqualTo(0x200UL), "Cause.IP1 while IE = 0");
            Assert.That(r[2], Is.EqualTo(0x200UL), "Cause in the handler");
            Assert.That(r[3], Is.EqualTo(r[1]).Or.EqualTo(r[4]), "EPC: right after the ei, at most after the ehb");
        });
    }
}
