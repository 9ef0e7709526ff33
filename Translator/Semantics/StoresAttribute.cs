namespace LoongsonDbt.Translator.Semantics;

/// <summary>
/// Marks a semantic function whose result the engine stores, <see cref="Size"/> bytes naturally aligned,
/// at the effective address (GPR[base] + sign-extended offset), as a plain store instruction does.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoresAttribute(int size) : Attribute
{
    public int Size { get; } = size;
}
