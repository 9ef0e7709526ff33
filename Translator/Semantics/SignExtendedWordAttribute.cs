namespace LoongsonDbt.Translator.Semantics;

/// <summary>
/// Marks a semantic function whose GPR result is a 32-bit value sign-extended to 64 bits, as every MIPS64 word
/// operation's is: always, or with <see cref="FromWordOperands"/> whenever its register operands are such values
/// (the logical operations). The compiler keeps such results in 32-bit locals and sign-extends them only where
/// a 64-bit use or an exit needs them. Values that mostly feed 64-bit code (bytes and halfwords loaded, the
/// comparisons' 0 and 1) stay unmarked: each 64-bit use of a word pays its own extension.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SignExtendedWordAttribute : Attribute
{
    public bool FromWordOperands { get; init; }
}

/// <summary>When a semantic function's GPR result is a sign-extended word (<see cref="SignExtendedWordAttribute"/>).</summary>
public enum WordResult
{
    Never,
    Always,
    FromWordOperands,
}
