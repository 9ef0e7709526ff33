namespace LoongsonDbt.Translator.Semantics;

/// <summary>
/// Marks a semantic function whose GPR result is a 32-bit value sign-extended to 64 bits, as every MIPS64 word
/// operation's is: always, or with <see cref="WordResult.FromWordOperands"/> whenever its register operands are
/// such values (the logical operations). The compiler keeps such results in 32-bit locals and sign-extends them
/// only where a 64-bit use or an exit needs them. Values that mostly feed 64-bit code (bytes and halfwords
/// loaded, the comparisons' 0 and 1) stay unmarked: each 64-bit use of a word pays its own extension.
/// </summary>
/// <remarks>A constructor argument, not a settable property: reflection sets properties through stubs it JIT-compiles.</remarks>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SignExtendedWordAttribute(WordResult result = WordResult.Always) : Attribute
{
    public WordResult Result { get; } = result;
}

/// <summary>When a semantic function's GPR result is a sign-extended word (<see cref="SignExtendedWordAttribute"/>).</summary>
public enum WordResult
{
    Never,
    Always,
    FromWordOperands,
}
