namespace LoongsonDbt.Translator.Decoding;

/// <summary>
/// One row of the opcode table: which words are this instruction form, what it is, and how
/// binutils writes it.
/// </summary>
public readonly struct OpCode
{
    public OpCode(uint mask, uint value, InstructionName name, InstructionClass instructionClass, InstructionFlags flags,
        InstructionSet set, string mnemonic, string operands)
    {
        Mask = mask;
        Value = value;
        Name = name;
        Class = instructionClass;
        Flags = flags;
        Set = set;
        Mnemonic = mnemonic;
        Operands = operands;
    }

    /// <summary>The bits that identify the form.</summary>
    public uint Mask { get; }

    /// <summary>Their value: <c>(word &amp; Mask) == Value</c> selects this row.</summary>
    public uint Value { get; }

    public InstructionName Name { get; }

    public InstructionClass Class { get; }

    public InstructionFlags Flags { get; }

    public InstructionSet Set { get; }

    /// <summary>The mnemonic binutils prints (the Loongson LWC2-space system ops print as <c>lwc2</c>).</summary>
    public string Mnemonic { get; }

    /// <summary>The operand syntax, comma separated names from <see cref="Disassembly.OperandSyntax"/>.</summary>
    public string Operands { get; }

    public bool Matches(uint word) => (word & Mask) == Value;
}
