namespace LoongsonDbt.Translator.Decoding;

/// <summary>
/// An instruction word with the form the decoder found for it. Eight bytes, no allocation:
/// fields are cut from the word on demand, so a block can keep an array of these.
/// </summary>
public readonly struct DecodedInstruction
{
    public DecodedInstruction(uint word, InstructionName name)
    {
        Word = word;
        Name = name;
    }

    public uint Word { get; }

    public InstructionName Name { get; }

    public ref readonly OpCode OpCode => ref OpCodeTable.Get(Name);

    public InstructionClass Class => OpCode.Class;

    public InstructionFlags Flags => OpCode.Flags;

    public bool IsReserved => Name == InstructionName.Reserved;

    public bool HasDelaySlot => (Flags & InstructionFlags.DelaySlot) != 0;

    /// <summary>Bits 31:26.</summary>
    public int Opcode => (int)(Word >> 26);

    /// <summary>Bits 25:21: rs, base, or the FPU fmt/fr field.</summary>
    public int Rs => (int)(Word >> 21) & 0x1F;

    /// <summary>Bits 20:16: rt, or the FPU ft field.</summary>
    public int Rt => (int)(Word >> 16) & 0x1F;

    /// <summary>Bits 15:11: rd, or the FPU fs field.</summary>
    public int Rd => (int)(Word >> 11) & 0x1F;

    /// <summary>Bits 10:6: sa, or the FPU fd field.</summary>
    public int Sa => (int)(Word >> 6) & 0x1F;

    /// <summary>Bits 5:0.</summary>
    public int Funct => (int)(Word & 0x3F);

    public int Base => Rs;

    public int Fr => Rs;

    public int Ft => Rt;

    public int Fs => Rd;

    public int Fd => Sa;

    /// <summary>The 16-bit immediate, sign-extended.</summary>
    public short Immediate => (short)Word;

    /// <summary>The 16-bit immediate, zero-extended.</summary>
    public ushort UnsignedImmediate => (ushort)Word;

    /// <summary>The 26-bit index of J, JAL and JALX.</summary>
    public uint JumpIndex => Word & 0x03FF_FFFF;

    /// <summary>Bits 2:0: the select of a CP0 move.</summary>
    public int Select => (int)(Word & 7);

    /// <summary>Bits 20:18: the condition code of BC1*, MOVF/MOVT.</summary>
    public int BranchConditionCode => (int)(Word >> 18) & 7;

    /// <summary>Bits 10:8: the condition code a C.cond.fmt compare writes.</summary>
    public int CompareConditionCode => (int)(Word >> 8) & 7;

    /// <summary>Target of a PC-relative branch at <paramref name="pc"/>.</summary>
    public ulong BranchTarget(ulong pc) => pc + 4 + (ulong)((long)Immediate << 2);

    /// <summary>Target of J/JAL at <paramref name="pc"/>: the 256 MiB region of the delay slot.</summary>
    public ulong JumpTarget(ulong pc) => ((pc + 4) & ~0x0FFF_FFFFUL) | ((ulong)JumpIndex << 2);

    public override string ToString() => $"{Name} 0x{Word:x8}";
}
