namespace LoongsonDbt.Translator.Execution;

/// <summary>
/// Blocks by guest address, with a direct-mapped array in front of the dictionary for the
/// dispatcher's hot lookup, and an index by guest page for invalidation.
/// </summary>
public sealed class CodeCache
{
    private const int FastEntries = 1 << 14;

    private readonly Block?[] _fast = new Block?[FastEntries];
    private readonly Dictionary<ulong, Block> _blocks = [];
    private readonly Dictionary<ulong, List<Block>> _byPage = [];
    private readonly Lock _lock = new();

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

    /// <summary>Blocks ever dropped because their code was written or unmapped.</summary>
    public int Invalidations { get; private set; }

    public Block? Lookup(ulong address)
    {
        int slot = (int)(address >> 2) & (FastEntries - 1);
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
        }

        _fast[(int)(block.Address >> 2) & (FastEntries - 1)] = block;
        return newPages;
    }

    /// <summary>Drops every block with code on <paramref name="page"/>.</summary>
    public void InvalidatePage(ulong page)
    {
        lock (_lock)
        {
            if (!_byPage.Remove(page, out List<Block>? blocks))
            {
                return;
            }

            foreach (Block block in blocks)
            {
                block.Invalidated = true;
                _blocks.Remove(block.Address);
                Invalidations++;
                foreach (ulong other in block.Pages)
                {
                    if (other != page && _byPage.TryGetValue(other, out List<Block>? list))
                    {
                        list.Remove(block);
                    }
                }
            }

            Array.Clear(_fast);
        }
    }
}
