namespace LoongsonDbt.Translator.Execution;

/// <summary>
/// Blocks by guest address, with a direct-mapped array in front of the dictionary for the
/// dispatcher's hot lookup, an index by guest page for invalidation, and one by constant successor for
/// the region builder.
/// </summary>
public sealed class CodeCache
{
    private const int FastEntries = 1 << 14;

    private readonly Block?[] _fast = new Block?[FastEntries];
    private readonly Dictionary<ulong, Block> _blocks = [];
    private readonly Dictionary<ulong, List<Block>> _byPage = [];
    private readonly Dictionary<ulong, List<Block>> _bySuccessor = [];
    private readonly Lock _lock = new();

    /// <summary>
    /// Invalidated blocks stay referenced: their compiled code may be on the stack right now (a region that
    /// stored into its own page), and a DynamicMethod with no references could be collected under it.
    /// </summary>
    private readonly List<Block> _graveyard = [];

    public int Count => _blocks.Count;

    /// <summary>All blocks translated so far that are still valid.</summary>
    public IReadOnlyCollection<Block> Blocks
    {
        get
        {
            lock (_lock)
            {
                return [.. _blocks.Values];
            }
        }
    }

    /// <summary>The valid blocks that can continue at <paramref name="address"/> through a constant exit.</summary>
    public Block[] PredecessorsOf(ulong address)
    {
        lock (_lock)
        {
            return _bySuccessor.TryGetValue(address, out List<Block>? blocks) ? [.. blocks] : [];
        }
    }

    /// <summary>Blocks ever dropped because their code was written or unmapped.</summary>
    public int Invalidations { get; private set; }

    public Block? Lookup(ulong address)
    {
        int slot = FastSlot(address);
        Block? block = _fast[slot];
        if (block is not null && block.Address == address)
        {
            return block;
        }

        lock (_lock)
        {
            if (_blocks.TryGetValue(address, out block))
            {
                _fast[slot] = block;
            }
        }

        return block;
    }

    /// <summary>Adds a block; returns the pages it occupies that were not code pages before.</summary>
    public IEnumerable<ulong> Add(Block block)
    {
        var newPages = new List<ulong>();
        lock (_lock)
        {
            _blocks[block.Address] = block;
            foreach (ulong page in block.Pages)
            {
                if (!_byPage.TryGetValue(page, out List<Block>? list))
                {
                    _byPage[page] = list = [];
                    newPages.Add(page);
                }

                list.Add(block);
            }

            foreach (ulong successor in RegionBuilder.ConstantSuccessors(block))
            {
                if (!_bySuccessor.TryGetValue(successor, out List<Block>? list))
                {
                    _bySuccessor[successor] = list = [];
                }

                if (!list.Contains(block)) // a branch to the instruction after its delay slot leads there twice
                {
                    list.Add(block);
                }
            }
        }

        _fast[FastSlot(block.Address)] = block;
        return newPages;
    }

    /// <summary>
    /// Records that <paramref name="entry"/>'s compiled code also depends on the pages of <paramref name="region"/>;
    /// false (nothing recorded) when one of the region's blocks was already invalidated.
    /// </summary>
    public bool AddRegion(Block entry, IReadOnlyList<Block> region)
    {
        lock (_lock)
        {
            if (region.Any(b => b.Invalidated))
            {
                return false;
            }

            foreach (Block block in region)
            {
                foreach (ulong page in block.Pages)
                {
                    if (_byPage.TryGetValue(page, out List<Block>? list) && !list.Contains(entry))
                    {
                        list.Add(entry);
                    }
                }
            }

            return true;
        }
    }

    /// <summary>Drops every block with code on <paramref name="page"/>, and every region that copied one; returns them.</summary>
    public IReadOnlyList<Block> InvalidatePage(ulong page)
    {
        lock (_lock)
        {
            if (!_byPage.Remove(page, out List<Block>? blocks))
            {
                return [];
            }

            foreach (Block block in blocks.Where(b => !b.Invalidated))
            {
                block.Invalidated = true;

                // A newer block at the same address (another mapping's code) stays.
                if (_blocks.TryGetValue(block.Address, out Block? current) && current == block)
                {
                    _blocks.Remove(block.Address);
                }

                // Only this block's slot: clearing the whole array cost 128 KiB of writes per invalidation,
                // and a booting kernel invalidates thousands of pages.
                int slot = FastSlot(block.Address);
                if (_fast[slot] == block)
                {
                    _fast[slot] = null;
                }

                foreach (ulong successor in RegionBuilder.ConstantSuccessors(block))
                {
                    if (_bySuccessor.TryGetValue(successor, out List<Block>? predecessors))
                    {
                        predecessors.Remove(block);
                    }
                }

                _graveyard.Add(block);
                Invalidations++;
            }

            return blocks;
        }
    }

    private static int FastSlot(ulong address) => (int)(address >> 2) & (FastEntries - 1);
}
