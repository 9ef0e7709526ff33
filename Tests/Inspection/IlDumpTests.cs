using System.Reflection;
using System.Runtime.Loader;
using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.Tests.Support;
using LoongsonDbt.Translator.Decoding;
using LoongsonDbt.Translator.Execution;
using LoongsonDbt.Translator.Inspection;

namespace LoongsonDbt.Tests.Inspection;

/// <summary>The --dump-il assembly: loadable, one method per block named by address, and it computes what the interpreter computes.</summary>
[TestFixture]
public unsafe class IlDumpTests
{
    private const ulong CodeAddress = AssembledMachine.CodeAddress;

    [Test]
    public void DumpedBlockLoadsAndComputesWhatTheInterpreterComputes()
    {
        using AddressSpace memory = AssembledCode.Map("""
            daddiu $2, $4, 100
            dsll $3, $2, 3
            xor $5, $3, $4
            gsdmultu $6, $5, $2
            beq $6, $0, 0x40
            addu $7, $6, $5
            """);
        Block block = new BlockBuilder(memory, Decoder.Loongson3).Build(CodeAddress)!;
        string path = Path.Combine(Path.GetTempPath(), $"loongson-dbt-dump-{Guid.NewGuid():n}.dll");
        var context = new AssemblyLoadContext("dump", isCollectible: true);
        try
        {
            IlDump.Save([block], path);
            Assembly dumped = context.LoadFromAssemblyPath(path);
            MethodInfo method = dumped.GetType("LoongsonDbt.Translated.Blocks")!.GetMethod($"Block_{CodeAddress:x16}")!;
            Assert.That(method.GetCustomAttribute<GuestDisassemblyAttribute>()!.Listing, Does.Contain("gsdmultu a2,a1,v0"));

            using GuestCpu dumpedCpu = new(), interpretedCpu = new();
            foreach (GuestCpu cpu in new[] { dumpedCpu, interpretedCpu })
            {
                memory.Attach(cpu.State);
                cpu.State->Gpr[4] = 0x1234_5678_9ABC_DEF0;
            }

            ulong dumpedNext = (ulong)method.Invoke(null, [Pointer.Box(dumpedCpu.State, typeof(CpuState*))])!;
            ulong interpretedNext = Interpreter.Run(interpretedCpu.State, block);

            Assert.That(dumpedNext, Is.EqualTo(interpretedNext));
            for (int r = 0; r < 32; r++)
            {
                Assert.That(dumpedCpu.State->Gpr[r], Is.EqualTo(interpretedCpu.State->Gpr[r]), $"${r}");
            }
        }
        finally
        {
            context.Unload();
            File.Delete(path);
        }
    }
}
