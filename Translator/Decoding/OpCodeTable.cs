using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace LoongsonDbt.Translator.Decoding;

using static InstructionFlags;

/// <summary>
/// Every instruction form the decoder knows, one row each, as the manual's bit patterns. The
/// decoder, the disassembler, the tests and the emitters all read these rows.
/// </summary>
public static partial class OpCodeTable
{
    // Register and control-flow shapes shared by many rows.
    private const InstructionFlags RsRt = ReadsRs | ReadsRt;
    private const InstructionFlags RsToRd = ReadsRs | WritesRd;
    private const InstructionFlags RtToRd = ReadsRt | WritesRd;
    private const InstructionFlags RsToRt = ReadsRs | WritesRt;
    private const InstructionFlags RsRtToRd = ReadsRs | ReadsRt | WritesRd;
    private const InstructionFlags RsRtToHiLo = ReadsRs | ReadsRt | WritesHiLo;
    private const InstructionFlags RsToHiLo = ReadsRs | WritesHiLo;
    private const InstructionFlags HiLoToRd = ReadsHiLo | WritesRd;
    private const InstructionFlags RsBranch = ReadsRs | ConditionalBranch | DelaySlot;
    private const InstructionFlags RsRtBranch = ReadsRs | ReadsRt | ConditionalBranch | DelaySlot;
    private const InstructionFlags AbsoluteJump = UnconditionalJump | DelaySlot;
    private const InstructionFlags RegisterJump = ReadsRs | UnconditionalJump | DelaySlot;
    private const InstructionFlags RegisterCall = ReadsRs | WritesRd | UnconditionalJump | DelaySlot;
    private const InstructionFlags Exception = MayTrap | EndsBlock;
    private const InstructionFlags LoadGpr = ReadsRs | WritesRt | ReadsMemory;
    private const InstructionFlags StoreGpr = ReadsRs | ReadsRt | WritesMemory;
    private const InstructionFlags FpuLoad = ReadsRs | ReadsMemory | NeedsFpu;
    private const InstructionFlags FpuStore = ReadsRs | WritesMemory | NeedsFpu;
    private const InstructionFlags FpuToGpr = WritesRt | NeedsFpu;
    private const InstructionFlags GprToFpu = ReadsRt | NeedsFpu;
    private const InstructionFlags FpuBranch = ConditionalBranch | DelaySlot | NeedsFpu;
    private const InstructionFlags FpuArithmetic = NeedsFpu | MayTrap;
    private const InstructionFlags FpuCompare = NeedsFpu | MayTrap;
    private const InstructionFlags FpuConditionalMove = ReadsRs | ReadsRd | WritesRd | NeedsFpu;
    private const InstructionFlags BoundedLoad = ReadsRs | ReadsRd | WritesRt | ReadsMemory | MayTrap;
    private const InstructionFlags BoundedStore = ReadsRs | ReadsRd | ReadsRt | WritesMemory | MayTrap;
    private const InstructionFlags BoundedFpuLoad = ReadsRs | ReadsRd | ReadsMemory | NeedsFpu | MayTrap;
    private const InstructionFlags BoundedFpuStore = ReadsRs | ReadsRd | WritesMemory | NeedsFpu | MayTrap;
    private const InstructionFlags IndexedLoad = ReadsRs | ReadsRd | WritesRt | ReadsMemory;
    private const InstructionFlags IndexedStore = ReadsRs | ReadsRd | ReadsRt | WritesMemory;
    private const InstructionFlags IndexedFpuLoad = ReadsRs | ReadsRd | ReadsMemory | NeedsFpu;
    private const InstructionFlags IndexedFpuStore = ReadsRs | ReadsRd | WritesMemory | NeedsFpu;
    private const InstructionFlags RootOnlyPrivileged = Privileged | RootOnly;
    private const InstructionFlags MsaLoad = ReadsRd | ReadsMemory | OtherGprs;
    private const InstructionFlags MsaStore = ReadsRd | WritesMemory | OtherGprs;
    private const InstructionFlags MsaFromGpr = ReadsRd | OtherGprs;
    private const InstructionFlags MsaToGpr = OtherGprs;

    // A static constructor, because the order of field initializers across the partial files is unspecified.
    static OpCodeTable()
    {
        OpCode[][] sets = [s_mips64R2, s_cp0, s_fpu, s_loongsonExt, s_loongsonCam, s_loongsonCsr, s_vz, s_msaContext];
        int count = 0;
        foreach (OpCode[] set in sets)
        {
            count += set.Length;
        }

        Rows = new OpCode[count];
        count = 0;
        foreach (OpCode[] set in sets)
        {
            Array.Copy(set, 0, Rows, count, set.Length);
            count += set.Length;
        }

        s_byName = IndexByName(Rows);
    }

    /// <summary>All rows, in no particular order; <see cref="Decoder"/> orders them by specificity.</summary>
    public static ImmutableArray<OpCode> All => ImmutableCollectionsMarshal.AsImmutableArray(Rows);

    /// <summary>
    /// <see cref="All"/> as the array the decoder is built from at every start: generic code over this struct from
    /// another assembly (ImmutableArray's enumerator, List's growth, a collection expression's spread) is not
    /// precompiled by ReadyToRun, so plain arrays and loops build the tables.
    /// </summary>
    internal static OpCode[] Rows { get; }

    /// <summary>
    /// The row of each instruction name, indexed by <see cref="InstructionName"/>. A plain array, as <see cref="Rows"/>:
    /// the interpreter reads flags here for every instruction.
    /// </summary>
    private static readonly OpCode[] s_byName;

    public static ref readonly OpCode Get(InstructionName name) => ref s_byName[(int)name];

    private static OpCode Row(InstructionSet set, string pattern, InstructionName name, InstructionClass instructionClass,
        InstructionFlags flags, string mnemonic, string operands)
    {
        (uint mask, uint value) = ParsePattern(pattern);
        return new OpCode(mask, value, name, instructionClass, flags, set, mnemonic, operands);
    }

    /// <summary>
    /// Turns a pattern of 32 significant characters into a mask and a value: '0' and '1' are fixed
    /// bits, any other letter names a field bit, spaces only align the columns.
    /// </summary>
    internal static (uint Mask, uint Value) ParsePattern(string pattern)
    {
        uint mask = 0, value = 0;
        int bits = 0;
        foreach (char c in pattern)
        {
            if (c == ' ')
            {
                continue;
            }

            mask <<= 1;
            value <<= 1;
            if (c is '0' or '1')
            {
                mask |= 1;
                value |= c == '1' ? 1u : 0u;
            }

            bits++;
        }

        if (bits != 32)
        {
            throw new ArgumentException($"Opcode pattern has {bits} bits, not 32: \"{pattern}\"", nameof(pattern));
        }

        return (mask, value);
    }

    private static OpCode[] IndexByName(OpCode[] rows)
    {
        var byName = new OpCode[Enum.GetValues(typeof(InstructionName)).Length];
        byName[(int)InstructionName.Reserved] = new OpCode(0, 0, InstructionName.Reserved, InstructionClass.Reserved,
            InstructionFlags.EndsBlock | InstructionFlags.MayTrap, InstructionSet.None, ".word", "word");
        foreach (OpCode row in rows)
        {
            if (byName[(int)row.Name].Mnemonic is not null)
            {
                throw new InvalidOperationException($"Instruction {row.Name} has more than one row.");
            }

            byName[(int)row.Name] = row;
        }

        return byName;
    }
}
