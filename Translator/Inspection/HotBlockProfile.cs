using System.Diagnostics;
using System.Globalization;
using LoongsonDbt.Runtime.Images;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Translator.Inspection;

/// <summary>The hottest blocks of a run and the engine's totals, as a text table.</summary>
public static class HotBlockProfile
{
    /// <summary>Where MIPS64's user segment (xuseg) ends and the supervisor and kernel segments begin.</summary>
    private const ulong FirstKernelAddress = 0x4000_0000_0000_0000;

    public static void Write(TextWriter output, ExecutionEngine engine, SymbolTable symbols, int top = 25)
    {
        CodeCache cache = engine.Cache;
        ChainLinks links = engine.Links;
        Block[] blocks = [.. cache.Blocks];
        long Executions(Block b) => b.InterpretedCount + b.CompiledCount;
        long Weight(Block b) => Executions(b) * b.Steps.Length;

        // A full system's kernel and its user processes each get their own top rows: otherwise one busy
        // process crowds the kernel out, whose compiled code chains and so seldom comes back to be counted.
        var hottest = blocks.GroupBy(b => b.Address < FirstKernelAddress)
            .SelectMany(space => space.OrderByDescending(Weight).Take(top))
            .OrderByDescending(Weight)
            .ToList();

        output.WriteLine($"{"address",-18} {"symbol",-32} {"executions",12} {"insns",6} {"tier",-11} {"compile ms",10}");
        foreach (Block block in hottest)
        {
            string symbol = symbols.TryLocate(block.Address, out SymbolLocation location) ? location.ToString() : "";
            string tier = block.Compiled is null ? "interpreted" : "compiled";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{block.Address,-18:x} {Truncate(symbol, 32),-32} {Executions(block),12} {block.Steps.Length,6} {tier,-11} {Milliseconds(block.CompileTicks),10:F3}"));
        }

        long interpretedRuns = blocks.Sum(b => b.InterpretedCount);
        long compiledRuns = blocks.Sum(b => b.CompiledCount);
        output.WriteLine();
        output.WriteLine($"blocks: {blocks.Length} translated, {blocks.Count(b => b.Compiled is not null)} compiled, {cache.Invalidations} invalidated by code writes");
        output.WriteLine($"block entries from the dispatcher: {interpretedRuns} interpreted, {compiledRuns} compiled (loops inside a region and chained transitions do not come back to count)");
        output.WriteLine($"chaining: {links.Slots} compiled exits to constant targets, {links.Linked} of them linked to compiled code");
        output.WriteLine($"slow accesses: compiled code left {engine.SlowAccessExits} times at a load or store its software TLB did not serve");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"compile time: {Milliseconds(blocks.Sum(b => b.CompileTicks)):F1} ms in total"));
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
