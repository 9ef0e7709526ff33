using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.Tests.Support;
using LoongsonDbt.Translator.Decoding;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.Execution;

/// <summary>
/// Region formation: the hot loops through a block join it; straight-line successors and cold paths do not; a
/// process's block on no loop takes in the small loop it falls into, and a process's loop of few iterations per entry
/// compiles as part of that block's region.
/// </summary>
[TestFixture]
public class RegionBuilderTests
{
    private const ulong CodeAddress = AssembledMachine.CodeAddress;

    // 0x00 head:  addiu $2,$2,-1 ; beq $2,$3,cold ; nop          (head -> cold | body)
    // 0x0c body:  daddu $4,$4,$2 ; bnez $2,head ; nop             (body -> head | after)
    // 0x18 after: daddiu $5,$5,1 ; jr $31 ; nop                   (no constant way back)
    // 0x24 cold:  daddiu $6,$6,1 ; b body ; nop                   (rarely run, leads back)
    private const string Loop = """
            head:
            addiu $2, $2, -1
            beq $2, $3, cold
            nop
            body:
            daddu $4, $4, $2
            bnez $2, head
            nop
            daddiu $5, $5, 1
            jr $31
            nop
            cold:
            daddiu $6, $6, 1
            b body
            nop
            """;

    [Test]
    public void LoopBlocksThatRanJoinAndTheExitPathDoesNot()
    {
        (CodeCache cache, Block head, AddressSpace memory) = Translate(coldRuns: 0);
        using (memory)
        {
            IReadOnlyList<Block> region = RegionBuilder.Build(head, cache);

            Assert.That(region.Select(b => b.Address - CodeAddress).ToArray(), Is.EqualTo(new ulong[] { 0x00, 0x0c }));
        }
    }

    [Test]
    public void AHotSideBlockOnTheLoopJoinsToo()
    {
        (CodeCache cache, Block head, AddressSpace memory) = Translate(coldRuns: 1000);
        using (memory)
        {
            IReadOnlyList<Block> region = RegionBuilder.Build(head, cache);

            Assert.That(region.Select(b => b.Address - CodeAddress), Is.EquivalentTo(new ulong[] { 0x00, 0x0c, 0x24 }));
        }
    }

    // 0x00 prologue: daddiu $2,$0,8 ; daddiu $4,$0,0            (falls into loop1)
    // 0x08 loop1:    daddiu $2,$2,-1 ; bnez $2,loop1 ; daddu $4,$4,$2
    // 0x14 between:  daddiu $3,$0,4                               (falls into loop2)
    // 0x18 loop2:    daddiu $3,$3,-1 ; bnez $3,loop2 ; nop
    // 0x24           jr $31 ; nop
    private const string TwoLoops = """
            daddiu $2, $0, 8
            daddiu $4, $0, 0
            loop1:
            daddiu $2, $2, -1
            bnez $2, loop1
            daddu $4, $4, $2
            daddiu $3, $0, 4
            loop2:
            daddiu $3, $3, -1
            bnez $3, loop2
            nop
            jr $31
            nop
            """;

    [Test]
    public void ABlockOnNoLoopTakesInTheLoopItFallsIntoButNotTheNextOne()
    {
        (CodeCache cache, Block prologue, AddressSpace memory) = Translate(TwoLoops, [(0x00, 1000), (0x08, 8000), (0x14, 1000), (0x18, 4000), (0x24, 1000)]);
        using (memory)
        {
            IReadOnlyList<Block> region = RegionBuilder.Build(prologue, cache);

            Assert.That(region.Select(b => b.Address - CodeAddress).ToArray(), Is.EqualTo(new ulong[] { 0x00, 0x08 }));
        }
    }

    [Test]
    public void OnAFullSystemABlockOnNoLoopStaysAlone()
    {
        (CodeCache cache, Block prologue, AddressSpace memory) = Translate(TwoLoops, [(0x00, 1000), (0x08, 8000), (0x14, 1000), (0x18, 4000), (0x24, 1000)]);
        using (memory)
        {
            IReadOnlyList<Block> region = RegionBuilder.Build(prologue, cache, fullSystem: true);

            Assert.That(region.Select(b => b.Address - CodeAddress).ToArray(), Is.EqualTo(new ulong[] { 0x00 }));
        }
    }

    [Test]
    public void ALoopOfFewIterationsPerEntryCompilesWithTheBlockBeforeIt()
    {
        // Eight iterations per entry, as a hash's rounds over each block of input: entering it is as hot as the loop.
        (CodeCache cache, _, AddressSpace memory) = Translate(TwoLoops, [(0x00, 1000), (0x08, 8000), (0x14, 1000), (0x18, 4000), (0x24, 1000)]);
        using (memory)
        {
            IReadOnlyList<Block> first = RegionBuilder.Build(cache.Lookup(CodeAddress + 0x08)!, cache);
            IReadOnlyList<Block> second = RegionBuilder.Build(cache.Lookup(CodeAddress + 0x18)!, cache);

            Assert.That(first.Select(b => b.Address - CodeAddress).ToArray(), Is.EqualTo(new ulong[] { 0x00, 0x08 }));
            Assert.That(second.Select(b => b.Address - CodeAddress).ToArray(), Is.EqualTo(new ulong[] { 0x14, 0x18 }));
        }
    }

    [Test]
    public void ALoopOfManyIterationsPerEntryCompilesOnItsOwn()
    {
        // The run in progress stays in the loop: compiled from the block before, it would go on interpreted.
        (CodeCache cache, _, AddressSpace memory) = Translate(TwoLoops, [(0x00, 10), (0x08, 8000), (0x14, 10), (0x18, 4000), (0x24, 10)]);
        using (memory)
        {
            IReadOnlyList<Block> region = RegionBuilder.Build(cache.Lookup(CodeAddress + 0x08)!, cache);

            Assert.That(region.Select(b => b.Address - CodeAddress).ToArray(), Is.EqualTo(new ulong[] { 0x08 }));
        }
    }

    [Test]
    public unsafe void ALoopWhoseBlockBeforeIsCompiledAlreadyCompilesOnItsOwn()
    {
        (CodeCache cache, Block prologue, AddressSpace memory) = Translate(TwoLoops, [(0x00, 1000), (0x08, 8000), (0x14, 1000), (0x18, 4000), (0x24, 1000)]);
        using (memory)
        {
            prologue.Compiled = _ => 0;

            IReadOnlyList<Block> region = RegionBuilder.Build(cache.Lookup(CodeAddress + 0x08)!, cache);

            Assert.That(region.Select(b => b.Address - CodeAddress).ToArray(), Is.EqualTo(new ulong[] { 0x08 }));
        }
    }

    [Test]
    public void OnAFullSystemALoopCompilesOnItsOwn()
    {
        (CodeCache cache, _, AddressSpace memory) = Translate(TwoLoops, [(0x00, 1000), (0x08, 8000), (0x14, 1000), (0x18, 4000), (0x24, 1000)]);
        using (memory)
        {
            IReadOnlyList<Block> region = RegionBuilder.Build(cache.Lookup(CodeAddress + 0x08)!, cache, fullSystem: true);

            Assert.That(region.Select(b => b.Address - CodeAddress).ToArray(), Is.EqualTo(new ulong[] { 0x08 }));
        }
    }

    private static (CodeCache, Block, AddressSpace) Translate(long coldRuns) =>
        Translate(Loop, [(0x00, 1000), (0x0c, 1000), (0x18, 1000), (0x24, coldRuns)]);

    /// <summary>Forms the blocks at the given offsets and gives them run counts as the interpreter would have.</summary>
    private static (CodeCache, Block, AddressSpace) Translate(string source, (ulong Offset, long Runs)[] blocks)
    {
        AddressSpace memory = AssembledCode.Map(source);
        var builder = new BlockBuilder(memory, Decoder.Loongson3);
        var cache = new CodeCache();
        foreach ((ulong offset, long runs) in blocks)
        {
            Block block = builder.Build(CodeAddress + offset)!;
            block.InterpretedCount = runs;
            cache.Add(block);
        }

        return (cache, cache.Lookup(CodeAddress)!, memory);
    }
}
