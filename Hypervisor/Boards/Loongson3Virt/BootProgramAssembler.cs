using System.Buffers.Binary;
using LoongsonDbt.Translator.Decoding;

namespace LoongsonDbt.Hypervisor.Boards.Loongson3Virt;

/// <summary>
/// Encodes the handful of MIPS64 instructions the boot ROM needs. The fixed bits of each instruction
/// come from the decoder's own opcode table, so the ROM is built from the same rows the emulator
/// decodes with; only the operand fields (at their MIPS positions) are placed here.
/// </summary>
internal sealed class BootProgramAssembler
{
    // General registers by their n64 names (as objdump prints them).
    public const int Zero = 0;
    public const int A1 = 5;
    public const int T0 = 12;
    public const int T1 = 13;
    public const int T2 = 14;
    public const int T3 = 15;
    public const int T9 = 25;
    public const int Gp = 28;
    public const int Sp = 29;

    // CP0 registers as (number, select).
    public static readonly (int Register, int Select) Cp0Status = (12, 0);
    public static readonly (int Register, int Select) Cp0Cause = (13, 0);
    public static readonly (int Register, int Select) Cp0EBase = (15, 1);

    private readonly List<uint> _words = [];

    /// <summary>Byte offset of the next instruction from the start of the program.</summary>
    public int Position => _words.Count * sizeof(uint);

    public byte[] ToBytes()
    {
        var bytes = new byte[Position];
        for (int i = 0; i < _words.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * sizeof(uint)), _words[i]);
        }

        return bytes;
    }

    /// <summary>Fills with nops up to <paramref name="offset"/>, which the code so far must not have passed.</summary>
    public void PadTo(int offset)
    {
        if (offset < Position)
        {
            throw new InvalidOperationException($"the code before 0x{offset:x} already runs to 0x{Position:x}");
        }

        while (Position < offset)
        {
            Nop();
        }
    }

    public void Nop() => Emit(InstructionName.Sll, rt: Zero, rd: Zero);

    public void Lui(int rt, ushort immediate) => Emit(InstructionName.Lui, rt: rt, low16: immediate);

    public void Ori(int rt, int rs, ushort immediate) => Emit(InstructionName.Ori, rs: rs, rt: rt, low16: immediate);

    public void Andi(int rt, int rs, ushort immediate) => Emit(InstructionName.Andi, rs: rs, rt: rt, low16: immediate);

    public void Or(int rd, int rs, int rt) => Emit(InstructionName.Or, rs: rs, rt: rt, rd: rd);

    public void Dsll(int rd, int rt, int shift) => Emit(InstructionName.Dsll, rt: rt, rd: rd, sa: shift);

    /// <summary>Shifts left by <paramref name="shift"/> + 32.</summary>
    public void Dsll32(int rd, int rt, int shift) => Emit(InstructionName.Dsll32, rt: rt, rd: rd, sa: shift);

    public void Ld(int rt, short offset, int baseRegister) =>
        Emit(InstructionName.Ld, rs: baseRegister, rt: rt, low16: (ushort)offset);

    public void Sb(int rt, short offset, int baseRegister) =>
        Emit(InstructionName.Sb, rs: baseRegister, rt: rt, low16: (ushort)offset);

    public void Mfc0(int rt, (int Register, int Select) cp0) =>
        Emit(InstructionName.Mfc0, rt: rt, rd: cp0.Register, low16: (ushort)cp0.Select);

    public void Mtc0(int rt, (int Register, int Select) cp0) =>
        Emit(InstructionName.Mtc0, rt: rt, rd: cp0.Register, low16: (ushort)cp0.Select);

    public void Jr(int rs) => Emit(InstructionName.Jr, rs: rs);

    /// <summary>Branches to the instruction at byte offset <paramref name="target"/> when rs equals rt (after the delay slot).</summary>
    public void Beq(int rs, int rt, int target)
    {
        int words = (target - (Position + sizeof(uint))) / sizeof(uint);
        Emit(InstructionName.Beq, rs: rs, rt: rt, low16: unchecked((ushort)checked((short)words)));
    }

    /// <summary>A branch to itself (with a nop in its delay slot): where the CPU parks for good.</summary>
    public void Halt()
    {
        Beq(Zero, Zero, Position);
        Nop();
    }

    /// <summary>
    /// Loads the XKPHYS uncached address of <paramref name="physical"/> (below 2 GiB) into
    /// <paramref name="rd"/>, using <paramref name="scratch"/>: 0x9000 shifted to bits 63:48, OR the address.
    /// </summary>
    public void LoadUncachedAddress(int rd, int scratch, uint physical)
    {
        if (physical >= 0x8000_0000)
        {
            // lui would sign-extend the upper half into the XKPHYS bits.
            throw new ArgumentOutOfRangeException(nameof(physical), $"0x{physical:x} needs more than lui/ori");
        }

        Ori(rd, Zero, (ushort)(Loongson3VirtMemoryMap.XkphysUncachedBase >> 48));
        Dsll32(rd, rd, 16);
        Lui(scratch, (ushort)(physical >> 16));
        Ori(scratch, scratch, (ushort)physical);
        Or(rd, rd, scratch);
    }

    private void Emit(InstructionName name, int rs = 0, int rt = 0, int rd = 0, int sa = 0, ushort low16 = 0)
    {
        ref readonly OpCode row = ref OpCodeTable.Get(name);
        uint fields = (Field(rs) << 21) | (Field(rt) << 16) | low16 | (Field(rd) << 11) | (Field(sa) << 6);
        if ((fields & row.Mask) != 0)
        {
            // An operand given to a form that has no such field: the word would be another instruction.
            throw new ArgumentException($"an operand of {row.Mnemonic} lands on the instruction's fixed bits");
        }

        _words.Add(row.Value | fields);
    }

    private static uint Field(int value) =>
        value is >= 0 and < 32 ? (uint)value : throw new ArgumentOutOfRangeException(nameof(value), $"{value} is not a 5-bit field");
}
