using System.Diagnostics;
using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Tests.Support;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.Execution;

/// <summary>What the tiered engine's compile thread makes of the blocks that get hot.</summary>
[TestFixture]
public unsafe class TieredCompilationTests
{
    [Test]
    public void TheBlocksOfOneLoopCompileAsOneRegion()
    {
        // Both blocks of the loop get hot together; the one compiled second is inside the first one's region already.
        // The loop is entered through a register jump, so no block before it can take it in (RegionBuilder).
        using var machine = new AssembledMachine(EngineMode.Tiered, """
                bal next
                nop
            next:
                daddiu $5, $31, loop - next
                li $2, 3000
                jr $5
                nop
            loop:
                addiu $2, $2, -1
                beq $2, $0, done
                nop
                daddu $4, $4, $2
                b loop
                nop
            done:
                li $3, 100
            spin:
                addiu $3, $3, -1
                bnez $3, spin
                nop
                syscall
            """);

        machine.Run();

        Assert.That(machine.State->Exception, Is.EqualTo(GuestException.Syscall));
        Assert.That(machine.State->Gpr[4], Is.EqualTo(2999UL * 3000 / 2));
        WaitUntilCompiled(machine.Engine, AssembledMachine.CodeAddress + 0x34); // queued after the loop's blocks
        Block head = machine.Engine.Cache.Lookup(AssembledMachine.CodeAddress + 0x18)!;
        Block body = machine.Engine.Cache.Lookup(AssembledMachine.CodeAddress + 0x24)!;
        Block[] compiled = [.. new[] { head, body }.Where(b => b.Compiled is not null)];
        Assert.That(compiled, Has.Length.EqualTo(1));
        Assert.That(compiled[0].Region, Is.EquivalentTo(new[] { head, body }));
    }

    private static void WaitUntilCompiled(ExecutionEngine engine, ulong address)
    {
        var waited = Stopwatch.StartNew();
        while (engine.Cache.Lookup(address)?.Compiled is null)
        {
            Assert.That(waited.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), $"0x{address:x} was not compiled");
            Thread.Sleep(1);
        }
    }
}
