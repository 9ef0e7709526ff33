using BenchmarkDotNet.Attributes;
using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.Translator.Decoding;
using LoongsonDbt.Translator.Emit;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Perf.Execution;

/// <summary>
/// What one compiled unit costs to build and JIT (DynamicMethod emission, CreateDelegate, the forced
/// JIT), for an ALU block of 10 and of 100 guest instructions ending in a branch.
/// </summary>
[BenchmarkCategory("Execution")]
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private Block _block = null!;
    private AddressSpace _memory = null!;

    [Params(10, 100)]
    public int Instructions { get; set; }

    [GlobalSetup]
    public void BuildBlock()
    {
        var words = new List<uint>();
        for (int i = 0; words.Count < Instructions - 2; i++)
        {
            words.Add((i % 3) switch
            {
                0 => GuestCode.Addu(2 + i % 8, 3 + i % 7, 4 + i % 5),
                1 => GuestCode.Xor(3 + i % 8, 2 + i % 7, 5 + i % 5),
                _ => GuestCode.Sll(4 + i % 8, 2 + i % 7, i % 31),
            });
        }

        ulong branch = GuestCode.Address + (ulong)words.Count * 4;
        words.Add(GuestCode.Bne(2, 0, branch, GuestCode.Address));
        words.Add(GuestCode.Nop);
        _memory = GuestCode.Load([.. words]);
        _block = new BlockBuilder(_memory, Decoder.Loongson3).Build(GuestCode.Address)!;
    }

    [GlobalCleanup]
    public void Release() => _memory.Dispose();

    /// <summary>Build, JIT and get a callable unit for the block.</summary>
    [Benchmark]
    public BlockFunction CompileBlock()
    {
        BlockFunction function = BlockCompiler.Compile([_block], links: null).CreateDelegate<BlockFunction>();
        System.Runtime.CompilerServices.RuntimeHelpers.PrepareDelegate(function);
        return function;
    }
}
