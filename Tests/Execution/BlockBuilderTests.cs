using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.Tests.Support;
using LoongsonDbt.Translator.Decoding;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.Execution;

/// <summary>Where blocks end: at a branch's delay slot, and at a page's end only where the next page may map elsewhere.</summary>
[TestFixture]
public unsafe class BlockBuilderTests
{
    private const ulong CodeAddress = AssembledMachine.CodeAddress;

    // Four instructions from 0xff8: two on the first page, then daddiu and the return on the second.
    private const string AcrossAPage = """
            .org 0xff8
            daddiu $2, $2, 1
            daddiu $2, $2, 2
            daddiu $2, $2, 4
            jr $31
            nop
            """;

    [Test]
    public void AProcessBlockRunsOnIntoTheNextPage()
    {
        using AddressSpace memory = AssembledCode.Map(AcrossAPage);

        Block block = new BlockBuilder(memory, Decoder.Loongson3).Build(CodeAddress + 0xff8)!;

        Assert.That(block.Steps, Has.Length.EqualTo(5));
        Assert.That(block.Pages, Is.EqualTo(new[] { CodeAddress, CodeAddress + 0x1000 }));
    }

    [Test]
    public void WhereTheNextPageMayMapElsewhereTheBlockEndsAtThePage()
    {
        using AddressSpace memory = AssembledCode.Map(AcrossAPage);

        Block block = new BlockBuilder(new RemappableMemory(memory), Decoder.Loongson3).Build(CodeAddress + 0xff8)!;

        Assert.That(block.Steps, Has.Length.EqualTo(2));
        Assert.That(block.End, Is.EqualTo(CodeAddress + 0x1000));
        Assert.That(block.Pages, Is.EqualTo(new[] { CodeAddress }));
    }

    /// <summary>A process's memory as a machine's mapped segments would be: no page keeps its mapping.</summary>
    private sealed class RemappableMemory(AddressSpace memory) : IGuestMemory
    {
        public event Action<ulong>? CodePageWritten
        {
            add => memory.CodePageWritten += value;
            remove => memory.CodePageWritten -= value;
        }

        public ulong LoadSlow(CpuState* state, ulong address, int size) => memory.LoadSlow(state, address, size);

        public void StoreSlow(CpuState* state, ulong address, int size, ulong value) => memory.StoreSlow(state, address, size, value);

        public bool TryFetch(ulong address, out uint word) => memory.TryFetch(address, out word);

        public ulong CodePageOf(ulong address) => memory.CodePageOf(address);

        public void MarkCodePage(ulong codePage) => memory.MarkCodePage(codePage);

        public bool HasFixedMapping(ulong address) => false;

        public bool TryTranslateFetch(CpuState* state, ulong pc, out ulong codePage) => memory.TryTranslateFetch(state, pc, out codePage);
    }
}
