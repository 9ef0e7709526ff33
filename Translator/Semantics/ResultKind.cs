namespace LoongsonDbt.Translator.Semantics;

/// <summary>What a semantic function returns and where it goes.</summary>
public enum ResultKind : byte
{
    /// <summary>Nothing (side effects on the state or memory only).</summary>
    None,
    /// <summary>A GPR value, for rd or rt as the opcode table's flags say.</summary>
    Gpr,
    /// <summary>A <see cref="HiLo"/> pair.</summary>
    HiLo,
    /// <summary>A branch condition.</summary>
    Condition,
    /// <summary>A value the engine stores at the effective address (<see cref="StoresAttribute"/> gives the size).</summary>
    Store,
}
