using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.BareMetal;

/// <summary>
/// Kernel code that rewrites code which already ran and was compiled, the way a kernel patches itself or
/// loads a module: after the stores, SYNCI and a hazard barrier (MIPS64 Volume II, SYNCI and JR.HB), the
/// new instructions must run, whichever virtual alias of the physical page the stores went through.
/// </summary>
[TestFixture(EngineMode.Interpreter)]
[TestFixture(EngineMode.Compiled)]
[TestFixture(EngineMode.Tiered)]
public class SelfModifyingCodeTests(EngineMode mode)
{
    [Test]
    public void RewrittenCodeRunsThroughKseg0AndThroughTheKseg1Alias()
    {
        using var machine = new BareMetalMachine(mode, main: """
                li $16, 0
                li $17, 20
            warm:                         # call the function until it runs compiled
                bal patchme
                nop
                addiu $17, $17, -1
                bnez $17, warm
                daddu $16, $16, $2
                report $16                # 20 x 1
                await_compiled patchme
                dla $8, patchme
                dla $9, new_code
                lw $10, 0($9)             # li $2, 2
                sw $10, 0($8)
                synci 0($8)
                sync
                jalr.hb $8
                nop
                report $2
                lw $10, 4($9)             # li $2, 3, stored through kseg1: another virtual page, the same physical one
                li $11, 0x20000000
                daddu $11, $8, $11
                sw $10, 0($11)
                synci 0($8)
                sync
                jalr.hb $8
                nop
                report $2
                done
            new_code:
                li $2, 2
                li $2, 3
                .align 12
            patchme:                      # on a page of its own; the first word gets rewritten
                li $2, 1
                jr $31
                nop
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Is.EqualTo(new ulong[] { 20, 2, 3 }));
    }

    [Test]
    public void ALoopThatRewritesCodeOnItsOwnPageRunsEachNewVersion()
    {
        using var machine = new BareMetalMachine(mode, main: """
                li $16, 0
                li $17, 1
                dla $8, patched
                dla $9, new_code
                lw $9, 0($9)              # li $2, 0: the immediate is the low half
            rewrite:                      # hot: compiled after a few rounds, and it rewrites its own page
                or $10, $9, $17
                sw $10, 0($8)             # patched: li $2, <round>
                synci 0($8)
                sync
                jalr.hb $8
                nop
                daddu $16, $16, $2
                addiu $17, $17, 1
                sltiu $11, $17, 21
                bnez $11, rewrite
                nop
                report $16                # 1 + 2 + ... + 20
                done
            new_code:
                li $2, 0
            patched:                      # the first word gets rewritten
                li $2, 0
                jr $31
                nop
            """);

        IReadOnlyList<ulong> r = machine.Run();

        Assert.That(r, Is.EqualTo(new ulong[] { 210 }));
    }
}
