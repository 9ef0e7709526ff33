using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.Tests.Support;
using LoongsonDbt.Translator.Decoding;
using LoongsonDbt.Translator.Emit;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.Execution;

/// <summary>A compiled region computes what the interpreter computes, block by block.</summary>
[TestFixture]
public unsafe class BlockCompilerTests
{
    private const ulong CodeAddress = AssembledMachine.CodeAddress;

    [Test]
    public void ABlockWhoseTailIsALoopOfItsRegionRunsOnInTheLoop()
    {
        // The entry block runs to the loop's branch, so it holds the loop's body after its first instruction; compiled,
        // it branches into the loop block there. Its first result is a word ($4, 32-bit wrap-around) the loop goes on
        // adding to, so it must reach the loop sign-extended.
        using AddressSpace memory = AssembledCode.Map("""
            entry:
            addu $4, $5, $6
            loop:
            addu $4, $4, $7
            addiu $2, $2, -1
            bnez $2, loop
            nop
            syscall
            """);
        Block[] region = Build(memory, 0x00, 0x04);
        Assert.That(region[0].Steps, Has.Length.EqualTo(5), "the entry holds the loop's body");

        using GuestCpu compiled = new(), interpreted = new();
        foreach (GuestCpu cpu in new[] { compiled, interpreted })
        {
            memory.Attach(cpu.State);
            cpu.State->Gpr[2] = 5;
            cpu.State->Gpr[5] = 0x7FFF_FFF0;
            cpu.State->Gpr[6] = 0x0000_0020;
            cpu.State->Gpr[7] = 0x1000_0001;
        }

        ulong compiledNext = BlockCompiler.Compile(region, links: null).CreateDelegate<BlockFunction>()(compiled.State);
        ulong interpretedNext = Interpreter.Run(interpreted.State, region[0]);
        while (interpretedNext == region[1].Address)
        {
            interpretedNext = Interpreter.Run(interpreted.State, region[1]);
        }

        Assert.That(compiledNext, Is.EqualTo(CodeAddress + 0x14));
        Assert.That(interpretedNext, Is.EqualTo(compiledNext));
        Assert.That(compiled.State->Gpr[4], Is.EqualTo(interpreted.State->Gpr[4]));
        Assert.That(compiled.State->Gpr[2], Is.Zero);
    }

    private static Block[] Build(AddressSpace memory, params ulong[] offsets)
    {
        var builder = new BlockBuilder(memory, Decoder.Loongson3);
        return [.. offsets.Select(offset => builder.Build(CodeAddress + offset)!)];
    }
}
