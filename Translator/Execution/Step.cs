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
        Semantic = SemanticsTable.Get(IsPrefetch(instruction) ? InstructionName.Pref : instruction.Name);
        Flags = instruction.Flags;
    }

    public ulong Pc { get; }

    public DecodedInstruction Instruction { get; }

    /// <summary>
    /// Loongson cores treat a load into $zero as a prefetch: it never faults. GCC emits <c>ld $0</c> for
    /// <c>__builtin_prefetch</c> on gs464, and the kernel's SLUB prefetches NULL + offset that way (QEMU
    /// makes these loads no-ops for Loongson CPUs too).
    /// </summary>
    public static bool IsPrefetch(in DecodedInstruction instruction) =>
        instruction.Rt == 0
        && (instruction.Flags & (InstructionFlags.ReadsMemory | InstructionFlags.WritesRt | InstructionFlags.NeedsFpu))
            == (InstructionFlags.ReadsMemory | InstructionFlags.WritesRt);

    /// <summary>Null for control flow the engine does itself, and for instructions guests of this engine cannot run.</summary>
    public Semantic? Semantic { get; }

    /// <summary>The instruction's flags, kept here so that the interpreter does not look its opcode up at every step.</summary>
    public InstructionFlags Flags { get; }
}
