namespace LoongsonDbt.Translator.Execution;

/// <summary>
/// Grows a hot block into a region: the hot blocks on loops through it, found through constant
/// exits (branch targets, fall-throughs), so a loop spanning several blocks compiles into one method
/// with internal branches and keeps its registers in host registers (DBT-NOTES C.2). Blocks that
/// do not lead back to the entry stay out and are reached by chaining: every register a region uses
/// is loaded at its entry and stored at its exit, which a short path through a big region would pay
/// in full. The exceptions, in a process: a block on no loop takes in the small loop it falls into, and a loop of
/// few iterations per entry compiles only that way.
/// </summary>
public static class RegionBuilder
{
    /// <summary>Bounds the method's IL well below RyuJIT's MinOpts limits (DBT-NOTES B.1).</summary>
    public const int MaxInstructions = 800;

    public const int MaxBlocks = 24;

    /// <summary>Bounds the loop an entry on no loop takes in (<see cref="IntoFollowingLoop"/>).</summary>
    private const int MaxFollowingLoopInstructions = 160;

    /// <summary>A successor joins when it ran at least this fraction of the entry's executions.</summary>
    private const int HotFraction = 8;

    /// <summary>
    /// The region to compile for <paramref name="hot"/>: its loops, or for a process the block that falls into them with
    /// them, or a block on no loop with the loop it falls into (see <see cref="IntoFollowingLoop"/>). The first block is
    /// the region's entry, which is not <paramref name="hot"/> when a loop is compiled with the block before it.
    /// </summary>
    public static IReadOnlyList<Block> Build(Block hot, CodeCache cache, bool fullSystem = false)
    {
        List<Block> region = Grow(hot, cache, fullSystem);
        if (fullSystem)
        {
            return region;
        }

        Block[] entry = [hot];
        bool loopsThroughHot = region.Exists(block => ContinuesInto(block, entry));
        return loopsThroughHot && WithBlockBefore(region, cache) is { } withBlockBefore ? withBlockBefore : region;
    }

    /// <summary>
    /// For a process, a loop that mostly runs a few iterations per entry, as the rounds of a hash over each block of
    /// input: the region of the hot block before it that falls or branches into it, which is this loop with that block
    /// in front (<see cref="IntoFollowingLoop"/>); null if there is none. The loop then compiles once, as part of that
    /// region, instead of twice; its blocks, hot at the same time, are all in that region. A loop that runs long per
    /// entry is compiled on its own, as the run in progress needs it compiled now.
    /// </summary>
    private static List<Block>? WithBlockBefore(List<Block> loop, CodeCache cache)
    {
        Block head = loop[0];
        long hot = Math.Max(1, Executions(head) / HotFraction);
        List<Block>? best = null;
        foreach (Block before in cache.PredecessorsOf(head.Address))
        {
            if (before.Invalidated || before.Compiled is not null || Executions(before) < hot || loop.Contains(before)
                || (best is not null && Executions(before) <= Executions(best[0])))
            {
                continue;
            }

            List<Block> region = Grow(before, cache, fullSystem: false);
            if (region.Count > 1 && region[1] == head)
            {
                best = region;
            }
        }

        return best;
    }

    private static long Executions(Block block) => block.InterpretedCount + block.CompiledCount;

    /// <summary>The loops through <paramref name="entry"/>, or failing those what <see cref="IntoFollowingLoop"/> makes.</summary>
    private static List<Block> Grow(Block entry, CodeCache cache, bool fullSystem)
    {
        var region = new List<Block> { entry };
        var seen = new HashSet<Block> { entry };
        int instructions = entry.Steps.Length;
        long hot = Math.Max(1, Executions(entry) / HotFraction);
        for (int next = 0; next < region.Count && region.Count < MaxBlocks; next++)
        {
            foreach (ulong successor in ConstantSuccessors(region[next]))
            {
                if (cache.Lookup(successor) is not { Invalidated: false } block || !seen.Add(block)
                    || !LinkRules.MayJoinRegion(fullSystem, entry, block)
                    || Executions(block) < hot
                    || instructions + block.Steps.Length > MaxInstructions || region.Count == MaxBlocks)
                {
                    continue;
                }

                region.Add(block);
                instructions += block.Steps.Length;
            }
        }

        List<Block> loops = OnLoopsThroughEntry(region);
        return IsLoop(loops) || fullSystem ? loops : IntoFollowingLoop(region);
    }

    /// <summary>
    /// For a process's entry on no loop that falls or branches straight into a small loop (a function's prologue,
    /// the code between two loops): the entry and that loop, so that entering the loop is not a transition between
    /// regions (each costs a prologue and an epilogue saving and reloading registers; md5sum ran 4% faster). A loop
    /// that runs long per entry is compiled in its own region too (<see cref="WithBlockBefore"/>). A kernel has so
    /// many such entries that this made its boot 6% slower (and a copy of every loop behind every hot block, 50%), so
    /// full-system regions do without.
    /// </summary>
    private static List<Block> IntoFollowingLoop(List<Block> candidates)
    {
        Block entry = candidates[0];
        foreach (ulong successor in ConstantSuccessors(entry))
        {
            if (candidates.Find(b => b.Address == successor) is not { } head)
            {
                continue;
            }

            List<Block> loop = OnLoopsThroughEntry(Reachable(head, candidates));
            if (IsLoop(loop) && !loop.Contains(entry) && entry.Steps.Length + InstructionCount(loop) <= MaxFollowingLoopInstructions)
            {
                return [entry, .. loop];
            }
        }

        return [entry];
    }

    /// <summary>Whether <see cref="OnLoopsThroughEntry"/>'s result is a loop: several blocks, or one that branches to itself.</summary>
    private static bool IsLoop(List<Block> loopsThroughEntry) =>
        loopsThroughEntry.Count > 1 || ContinuesInto(loopsThroughEntry[0], loopsThroughEntry);

    /// <summary><paramref name="from"/> first, then the candidates it reaches through constant exits.</summary>
    private static List<Block> Reachable(Block from, List<Block> candidates)
    {
        var reached = new List<Block> { from };
        for (int next = 0; next < reached.Count; next++)
        {
            foreach (ulong successor in ConstantSuccessors(reached[next]))
            {
                if (candidates.Find(b => b.Address == successor) is { } block && !reached.Contains(block))
                {
                    reached.Add(block);
                }
            }
        }

        return reached;
    }

    /// <summary>
    /// The entry and the candidates from which it can be reached again (the entry reaches them all, since
    /// they were collected from it): the loops through the entry.
    /// </summary>
    private static List<Block> OnLoopsThroughEntry(List<Block> candidates)
    {
        var leadsBack = new List<Block> { candidates[0] };
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (Block block in candidates)
            {
                if (!leadsBack.Contains(block) && ContinuesInto(block, leadsBack))
                {
                    leadsBack.Add(block);
                    grew = true;
                }
            }
        }

        return [.. candidates.Where(leadsBack.Contains)];
    }

    /// <summary>Whether <paramref name="block"/> can continue at one of <paramref name="blocks"/> through a constant exit.</summary>
    public static bool ContinuesInto(Block block, IReadOnlyList<Block> blocks)
    {
        foreach (ulong successor in ConstantSuccessors(block))
        {
            foreach (Block candidate in blocks)
            {
                if (candidate.Address == successor)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The guest instructions of <paramref name="blocks"/>.</summary>
    public static int InstructionCount(IReadOnlyList<Block> blocks)
    {
        int count = 0;
        foreach (Block block in blocks)
        {
            count += block.Steps.Length;
        }

        return count;
    }

    /// <summary>Where <paramref name="block"/> can continue at addresses known when it is translated.</summary>
    public static IEnumerable<ulong> ConstantSuccessors(Block block)
    {
        Step last = block.Steps[^1];
        Step? branch = block.Steps.Length >= 2 && block.Steps[^2].Instruction.HasDelaySlot ? block.Steps[^2]
            : last.Instruction.HasDelaySlot ? last
            : null;
        if (branch is not { } b)
        {
            yield return block.End;
            yield break;
        }

        switch (b.Instruction.Class)
        {
            case Decoding.InstructionClass.Branch:
                yield return b.Instruction.BranchTarget(b.Pc);
                yield return b.Pc + 8;
                break;
            case Decoding.InstructionClass.Jump when b.Instruction.Name is Decoding.InstructionName.J or Decoding.InstructionName.Jal:
                yield return b.Instruction.JumpTarget(b.Pc);
                break;
        }
    }
}
