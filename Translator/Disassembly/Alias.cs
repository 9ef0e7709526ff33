using LoongsonDbt.Translator.Decoding;

namespace LoongsonDbt.Translator.Disassembly;

/// <summary>
/// A spelling binutils prefers for some encodings of an instruction (<c>move</c> for
/// <c>or rd,rs,zero</c>, <c>b</c> for <c>beq zero,zero</c>). The instruction is unchanged.
/// </summary>
public readonly struct Alias
{
    public Alias(InstructionName name, uint mask, uint value, string mnemonic, string operands)
    {
        Name = name;
        Mask = mask;
        Value = value;
        Mnemonic = mnemonic;
        Operands = operands;
    }

    public InstructionName Name { get; }

    public uint Mask { get; }

    public uint Value { get; }

    public string Mnemonic { get; }

    public string Operands { get; }

    public bool Matches(uint word) => (word & Mask) == Value;
}
