using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.Tests.Support;
using LoongsonDbt.Translator.Decoding;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.Execution;

/// <summary>The code cache's indexes: blocks by the addresses their constant exits lead to, kept through invalidation.</summary>
[TestFixture]
public class CodeCacheTests
{
    private const ulong CodeAddress = AssembledMachine.CodeAddress;

    // 0x0000 entry: b loop ; nop                          (-> loop)
    // 0x0008 loop:  addiu $2,$2,-1 ; bnez $2,loop ; nop    (-> loop | 0x0014)
    // 0x0014        jr $31 ; nop                          (no constant exit)
    // 0x1000 other: b loop ; nop                          (-> loop | 0x1008, on the next page)
    private const string Source = """
            b loop
            nop
            loop:
            addiu $2, $2, -1
            bnez $2, loop
            nop
            jr $31
            nop
            .org 0x1000
            b loop
            nop
            """;

    [Test]
    public void PredecessorsAreTheBlocksWhoseConstantExitsLeadThere()
    {
        using AddressSpace memory = AssembledCode.Map(Source);
        (CodeCache cache, Block entry, Block loop, Block ret, Block other) = Translate(memory);

        Assert.That(cache.PredecessorsOf(loop.Address), Is.EquivalentTo(new[] { entry, loop, other }));
        Assert.That(cache.PredecessorsOf(ret.Address), Is.EquivalentTo(new[] { loop }));
        Assert.That(cache.PredecessorsOf(entry.Address), Is.Empty);
    }

    [Test]
    public void AnInvalidatedBlockIsNoLongerAPredecessor()
    {
        using AddressSpace memory = AssembledCode.Map(Source);
        (CodeCache cache, Block entry, Block loop, _, Block other) = Translate(memory);

        cache.InvalidatePage(CodeAddress);

        Assert.That(entry.Invalidated && loop.Invalidated, Is.True);
        Assert.That(cache.PredecessorsOf(loop.Address), Is.EquivalentTo(new[] { other }));
    }

    private static (CodeCache, Block Entry, Block Loop, Block Return, Block Other) Translate(AddressSpace memory)
    {
        var builder = new BlockBuilder(memory, Decoder.Loongson3);
        var cache = new CodeCache();
        Block[] blocks = [.. new ulong[] { 0x0000, 0x0008, 0x0014, 0x1000 }.Select(offset => builder.Build(CodeAddress + offset)!)];
        foreach (Block block in blocks)
        {
            cache.Add(block);
        }

        return (cache, blocks[0], blocks[1], blocks[2], blocks[3]);
    }
}
