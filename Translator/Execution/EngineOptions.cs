namespace LoongsonDbt.Translator.Execution;

/// <summary>How the engine runs guest code.</summary>
public sealed record EngineOptions
{
    public EngineMode Mode { get; init; } = EngineMode.Tiered;

    /// <summary>
    /// Interpreted executions of a block before it is queued for compilation. A block's JIT costs about
    /// 100 µs and saves tens of ns per run (DBT-NOTES C.1), so only blocks this hot pay back quickly.
    /// </summary>
    public int CompileThreshold { get; init; } = 500;

    /// <summary>
    /// A full-system guest: compiled code checks the budget (interrupts) at block starts and the FPU enable
    /// before FPU instructions, and links only where <see cref="LinkRules"/> allow.
    /// </summary>
    public bool FullSystem { get; init; }
}
