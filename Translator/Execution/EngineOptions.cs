namespace LoongsonDbt.Translator.Execution;

/// <summary>How the engine runs guest code.</summary>
public sealed record EngineOptions
{
    public EngineMode Mode { get; init; } = EngineMode.Tiered;

    private readonly int? _compileThreshold;

    /// <summary>
    /// Interpreted executions of a block before it is queued for compilation. A block's JIT costs about
    /// 100 µs and saves tens of ns per run (DBT-NOTES C.1), so only blocks this hot pay back quickly.
    /// Unset, 500 for a process and 1000 for a full system: a kernel's boot runs tens of thousands of
    /// blocks a few hundred times each, and at 500 the compile thread fell so far behind that the Debian
    /// boot took 1.16 times as long as at 1000 (and as at 2000), while a process's few hot loops ran no
    /// faster at 1000.
    /// </summary>
    public int CompileThreshold
    {
        get => _compileThreshold ?? (FullSystem ? 1000 : 500);
        init => _compileThreshold = value;
    }

    /// <summary>
    /// A full-system guest: compiled code checks the budget (interrupts) at block starts and the FPU enable
    /// before FPU instructions, and links only where <see cref="LinkRules"/> allow.
    /// </summary>
    public bool FullSystem { get; init; }
}
