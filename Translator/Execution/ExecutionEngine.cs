using System.Collections.Concurrent;
using System.Diagnostics;
using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.Translator.Decoding;
using LoongsonDbt.Translator.Emit;
using LoongsonDbt.Translator.Semantics;

namespace LoongsonDbt.Translator.Execution;

/// <summary>
/// Runs guest code: finds or forms the block at the PC, runs its compiled code if published or else
/// interprets it, and queues blocks that get hot for compilation on a background thread
/// (DBT-NOTES C.1). Stores to pages holding code drop the blocks on them (C.6).
/// </summary>
public sealed unsafe class ExecutionEngine : IExecutionEngine, IDisposable
{
    private readonly IGuestMemory _memory;
    private readonly EngineOptions _options;
    private readonly BlockBuilder _builder;
    private readonly BlockingCollection<Block> _compileQueue = [];
    private readonly Thread? _compiler;
    private readonly ChainLinks _links = new();
    private volatile bool _disposing;

    public ExecutionEngine(IGuestMemory memory, EngineOptions options)
    {
        _memory = memory;
        _options = options;
        _builder = new BlockBuilder(memory, Decoder.Loongson3);
        memory.CodePageWritten += InvalidatePage;
        if (options.Mode == EngineMode.Tiered)
        {
            _compiler = new Thread(CompileLoop) { IsBackground = true, Name = "loongson-dbt compiler" };
            _compiler.Start();
        }
    }

    public CodeCache Cache { get; } = new();

    /// <summary>
    /// Builds the opcode, decoder and semantics tables on a thread of their own (about 10 ms of parsing and
    /// reflection), so that a process start overlaps them with parsing its command line and loading the guest
    /// instead of adding them; whoever needs a table first waits for it.
    /// </summary>
    public static void PrepareTablesInBackground() =>
        new Thread(static () =>
        {
            _ = Decoder.Loongson3;
            _ = SemanticsTable.Get(InstructionName.Reserved);
        })
        { IsBackground = true, Name = "loongson-dbt tables" }.Start();

    /// <summary>The link slots of compiled exits (for the profile).</summary>
    public ChainLinks Links => _links;

    public EngineOptions Options => _options;

    /// <summary>How often compiled code left at an access its software TLB did not serve (for the profile).</summary>
    public long SlowAccessExits { get; private set; }

    public void Run(CpuState* state)
    {
        state->Exception = GuestException.None;
        while (Volatile.Read(ref state->Budget) >= 0)
        {
            ulong pc = state->Pc;
            Block? block = Cache.Lookup(pc);
            if (block is null || !_memory.HasFixedMapping(pc))
            {
                if (!_memory.TryTranslateFetch(state, pc, out ulong codePage))
                {
                    state->Raise(state->Exception, pc, inDelaySlot: false, 0);
                    return;
                }

                if (block is null || block.Pages[0] != codePage)
                {
                    block = Translate(pc);
                }
            }

            ulong next;
            if (state->InterpretNext != 0)
            {
                state->InterpretNext = 0;
                SlowAccessExits++;
                next = Interpreter.Run(state, block);
            }
            else if (block.Entry != 0)
            {
                block.CompiledCount++;
                next = ((delegate* managed<CpuState*, ulong>)block.Entry)(state);
            }
            else if (block.Compiled is { } compiled)
            {
                block.CompiledCount++;
                next = compiled(state);
            }
            else
            {
                if (++block.InterpretedCount >= block.QueueAt)
                {
                    block.QueueAt = long.MaxValue;
                    _compileQueue.Add(block);
                }

                next = Interpreter.Run(state, block);
            }

            if (state->Exception != GuestException.None)
            {
                state->Pc = state->ExceptionPc;
                return;
            }

            state->Pc = next;
        }
    }

    public void Dispose()
    {
        _memory.CodePageWritten -= InvalidatePage;
        _disposing = true; // the blocks still queued would never run again: a short process would wait for them
        _compileQueue.CompleteAdding();
        if (_compiler is null)
        {
            _compileQueue.Dispose();
            _links.Dispose();
        }

        // Otherwise the compile thread frees the link table after the compile in progress, which publishes into it:
        // waiting for it cost a short process a few ms at exit. The queue is left to the collector: CompleteAdding
        // lets the compile thread finish before it returns, and a queue that thread disposed made it throw.
    }

    private Block Translate(ulong pc)
    {
        Block block = _builder.Build(pc)!;
        if (block.LacksDelaySlot)
        {
            return block; // interpreted once, never cached: the next visit may find the slot mapped
        }

        foreach (ulong page in Cache.Add(block))
        {
            _memory.MarkCodePage(page);
        }

        if (_options.Mode == EngineMode.Tiered)
        {
            block.QueueAt = _options.CompileThreshold;
        }

        if (_options.Mode == EngineMode.Compiled)
        {
            CompileNow(block);
        }

        return block;
    }

    private void CompileLoop()
    {
        foreach (Block block in _compileQueue.GetConsumingEnumerable())
        {
            if (block.Invalidated || _disposing || block.Compiled is not null)
            {
                continue;
            }

            if (block.EnclosingRegionEntry is { Invalidated: false, Compiled: not null })
            {
                // Compiled already, inside a region entered elsewhere: the blocks of one loop all get hot at once, and
                // each would compile the loop again. It comes back (and compiles) if it is still entered from outside.
                block.EnclosingRegionEntry = null;
                QueueAgainLater(block);
                continue;
            }

            CompileNow(block);
        }

        _links.Dispose();
    }

    /// <summary>Compiles the region <paramref name="hot"/> leads to, which may start before it (<see cref="RegionBuilder.Build"/>).</summary>
    private void CompileNow(Block hot)
    {
        long start = Stopwatch.GetTimestamp();
        IReadOnlyList<Block> region = RegionBuilder.Build(hot, Cache, _options.FullSystem);
        Block block = region[0];
        System.Reflection.Emit.DynamicMethod method = BlockCompiler.Compile(region, _links, _options.FullSystem);
        BlockFunction function = method.CreateDelegate<BlockFunction>();
        System.Runtime.CompilerServices.RuntimeHelpers.PrepareDelegate(function);
        block.CompileTicks = Stopwatch.GetTimestamp() - start;
        block.Region = region;

        // Published only if no block of the region was overwritten meanwhile; the region's code then
        // depends on all their pages, so a write to any of them drops it.
        if (Cache.AddRegion(block, region))
        {
            nint entry = ChainLinks.EntryPoint(method);
            block.Entry = entry;
            block.Compiled = function;
            if (LinkRules.MayPublish(_options.FullSystem, block.Address))
            {
                _links.Publish(block.Address, entry);
            }

            for (int i = 1; i < region.Count; i++)
            {
                region[i].EnclosingRegionEntry = block;
            }
        }

        if (block != hot)
        {
            // Compiled on its own if still entered from outside the region as much.
            hot.EnclosingRegionEntry = null;
            QueueAgainLater(hot);
        }
    }

    /// <summary>Queues <paramref name="block"/> again once the dispatcher has interpreted it as often as the first time.</summary>
    private void QueueAgainLater(Block block) => block.QueueAt = block.InterpretedCount + _options.CompileThreshold;

    private void InvalidatePage(ulong page)
    {
        foreach (Block block in Cache.InvalidatePage(page))
        {
            _links.Unlink(block.Address);
        }
    }
}
