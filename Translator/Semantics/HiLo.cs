namespace LoongsonDbt.Translator.Semantics;

/// <summary>The HI/LO pair a multiply or divide writes.</summary>
public readonly record struct HiLo(ulong Hi, ulong Lo);
