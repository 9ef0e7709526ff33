namespace LoongsonDbt.Translator.Execution;

/// <summary>
/// Straight-line guest code: up to a branch and its delay slot, an instruction that ends a block
/// (syscall, a CP0 write...), a page end or a size cap. The unit of interpretation, counting and compilation.
/// </summary>
public sealed class Block
{
    public Block(ulong address, Step[] steps, ulong[] pages)
    {
        Address = address;
        Steps = steps;
        Pages = pages;
    }

    public ulong Address { get; }

    /// <summary>The address after the last instruction (where execution falls through).</summary>
    public ulong End => Address + (ulong)Steps.Length * 4;

    public Step[] Steps { get; }

    /// <summary>
    /// The block ends in a branch whose delay slot could not be fetched when it was formed: all it can do is
    /// raise that fetch's exception, and once the handler maps the page it must be formed again, slot included.
    /// </summary>
    public bool LacksDelaySlot => Steps[^1].Instruction.HasDelaySlot;

    /// <summary>How often the block was entered while interpreted (the tier-up counter).</summary>
    public long InterpretedCount;

    /// <summary>
    /// The <see cref="InterpretedCount"/> at which the dispatcher queues the block for compilation, then sets this to
    /// <see cref="long.MaxValue"/>: never, until a tiered engine caches the block.
    /// </summary>
    public long QueueAt = long.MaxValue;

    /// <summary>How often the compiled code was entered.</summary>
    public long CompiledCount;

    /// <summary>The blocks compiled together with this one as its region (this block first), once compiled.</summary>
    public IReadOnlyList<Block>? Region { get; set; }

    /// <summary>
    /// For a block compiled inside another's region, not as its entry: that region's entry. Such a block is entered
    /// from outside only as often as the dispatcher still finds it.
    /// </summary>
    public volatile Block? EnclosingRegionEntry;

    /// <summary>The compiled code once published, else null; it also keeps the method alive.</summary>
    public volatile BlockFunction? Compiled;

    /// <summary>The compiled code's native entry point (set before <see cref="Compiled"/>), or zero.</summary>
    public nint Entry;

    /// <summary>Set when the block's code was overwritten or unmapped; it will not be entered again.</summary>
    public volatile bool Invalidated;

    /// <summary>Wall time the compilation took, in ticks of <see cref="System.Diagnostics.Stopwatch"/>.</summary>
    public long CompileTicks;

    /// <summary>
    /// The code pages (<see cref="Runtime.Memory.IGuestMemory.CodePageOf"/>) this block was read from, its
    /// first instruction's first; a delay slot can spill onto a second.
    /// </summary>
    public ulong[] Pages { get; }
}
