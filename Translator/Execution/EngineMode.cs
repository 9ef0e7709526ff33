namespace LoongsonDbt.Translator.Execution;

/// <summary>Which tiers run guest code.</summary>
public enum EngineMode
{
    /// <summary>Interpret cold blocks, compile hot ones in the background (the default).</summary>
    Tiered,
    /// <summary>Never compile (the reference tier).</summary>
    Interpreter,
    /// <summary>Compile every block before its first execution, on the executing thread.</summary>
    Compiled,
}
