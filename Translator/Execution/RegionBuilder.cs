namespace LoongsonDbt.Translator.Execution;

/// <summary>
/// Grows a hot block into a region: the blocks reachable through its constant exits (branch
/// targets, fall-throughs) that have already run, so loops spanning several blocks compile into one
/// method with internal branches instead of returning to the dispatcher (DBT-NOTES C.2).
/// </summary>
public static class RegionBuilder
{
    /// <summary>Bounds the method's IL well below RyuJIT's MinOpts limits (DBT-NOTES B.1).</summary>
    public const int MaxInstructions = 800;

    public const int MaxBlocks = 24;

    public static IReadOnlyList<Block> Build(Block entry, CodeCache cache)
    {
        var region = new List<Block> { entry };
        var seen = new HashSet<ulong> { entry.Address };
        int instructions = entry.Steps.Length;
        for (int next = 0; next < region.Count && region.Count < MaxBlocks; next++)
        {
            foreach (ulong successor in ConstantSuccessors(region[next]))
            {
                if (!seen.Add(successor) || cache.Lookup(successor) is not { Invalidated: false } block
                    || block.InterpretedCount + block.CompiledCount == 0
                    || instructions + block.Steps.Length > MaxInstructions || region.Count == MaxBlocks)
                {
                    continue;
                }

                region.Add(block);
                instructions += block.Steps.Length;
            }
        }

        return region;
    }

    private static IEnumerable<ulong> ConstantSuccessors(Block block)
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
