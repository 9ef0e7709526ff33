namespace LoongsonDbt.Translator.Semantics;

/// <summary>Placeholder until the FPU semantics land.</summary>
public static unsafe class FpuOperations
{
}
