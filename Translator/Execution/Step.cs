using LoongsonDbt.Translator.Decoding;
using LoongsonDbt.Translator.Semantics;

namespace LoongsonDbt.Translator.Execution;

/// <summary>One pre-decoded instruction of a block: what the interpreter needs without decoding again.</summary>
public readonly struct Step
{
    public Step(ulong pc, DecodedInstruction instruction)
    {
        Pc = pc;
        Instruction = instruction;
        Semantic = SemanticsTable.Get(instruction.Name);
    }

    public ulong Pc { get; }

    public DecodedInstruction Instruction { get; }

    /// <summary>Null for control flow the engine does itself, and for instructions guests of this engine cannot run.</summary>
    public Semantic? Semantic { get; }
}
