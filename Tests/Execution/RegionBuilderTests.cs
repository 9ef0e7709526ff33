using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.Tests.Support;
using LoongsonDbt.Translator.Decoding;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.Execution;

/// <summary>Region formation: the hot loops through a block join it; straight-line successors and cold paths do not.</summary>
[TestFixture]
public class RegionBuilderTests
{
    private const ulong CodeAddress = 0x1_2000_0000;

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

    /// <summary>Forms the four blocks and gives them run counts as the interpreter would have.</summary>
    private static (CodeCache, Block, AddressSpace) Translate(long coldRuns)
    {
        byte[] code = GuestAssembler.Assemble(Loop);
        var memory = new AddressSpace();
        memory.Map(CodeAddress, 0x1000, PageProtection.All);
        memory.Poke(CodeAddress, code);
        var builder = new BlockBuilder(memory, Decoder.Loongson3);
        var cache = new CodeCache();
        foreach ((ulong offset, long runs) in new[] { (0x00UL, 1000L), (0x0cUL, 1000L), (0x18UL, 1000L), (0x24UL, coldRuns) })
        {
            Block block = builder.Build(CodeAddress + offset)!;
            block.InterpretedCount = runs;
            cache.Add(block);
        }

        return (cache, cache.Lookup(CodeAddress)!, memory);
    }
}
