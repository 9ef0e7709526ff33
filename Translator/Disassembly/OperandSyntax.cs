namespace LoongsonDbt.Translator.Disassembly;

/// <summary>
/// The operand kinds of the opcode table's syntax column, each printed the way binutils prints it.
/// A trailing '?' in the table (<c>rt?</c>, <c>code19?</c>) means "omitted when zero"; the kinds
/// below already carry that.
/// </summary>
public enum OperandSyntax : byte
{
    Rd,
    Rs,
    Rt,
    /// <summary>rt, omitted when it is $zero (di, ei).</summary>
    OptionalRt,
    /// <summary>The literal $zero that binutils prints as the first operand of div/divu/ddiv/ddivu.</summary>
    Zero,
    /// <summary>rd, or "rd or rt" when they differ (clz/clo/dclz/dclo need rd == rt).</summary>
    RdRt,
    ShiftAmount,
    SignedImmediate,
    UnsignedImmediate,
    OffsetBase,
    BranchTarget,
    JumpTarget,
    /// <summary>JALX target with the ISA-mode bit set.</summary>
    JumpExchangeTarget,
    /// <summary>20-bit code (syscall, sdbbp), omitted when zero.</summary>
    Code20,
    /// <summary>BREAK's two 10-bit codes: none, one or both.</summary>
    BreakCode,
    /// <summary>Trap code in bits 15:6, omitted when zero.</summary>
    Code10,
    /// <summary>WAIT's implementation code in bits 24:6, omitted when zero.</summary>
    Code19,
    /// <summary>HYPCALL's code in bits 20:11, omitted when zero.</summary>
    HypcallCode,
    /// <summary>SYNC's stype, omitted when zero.</summary>
    SyncType,
    /// <summary>The COP0 function field (bits 24:0) of an op binutils has no name for.</summary>
    Cop0Function,
    BitFieldLsb,
    BitFieldLsbPlus32,
    ExtractSize,
    ExtractSizePlus32,
    InsertSize,
    InsertSizePlus32,
    HardwareRegister,
    Cp0Register,
    /// <summary>CP0 select, omitted when zero.</summary>
    Cp0Select,
    /// <summary>The rt field as a number: the CACHE op or the PREF hint.</summary>
    CacheOp,
    /// <summary>The PREFX hint in bits 15:11.</summary>
    PrefetchHint,
    Cop2Register,
    Fd,
    Fs,
    Ft,
    Fr,
    FpuControlRegister,
    /// <summary>Condition code in bits 20:18.</summary>
    BranchConditionCode,
    /// <summary>Condition code in bits 20:18, omitted when zero.</summary>
    OptionalBranchConditionCode,
    /// <summary>Condition code in bits 10:8, omitted when zero.</summary>
    OptionalCompareConditionCode,
    /// <summary>COP1X index(base): GPR[rt](GPR[rs]).</summary>
    IndexBase,
    /// <summary>GPR in bits 4:0 of a Loongson quad load/store.</summary>
    QuadRegister,
    /// <summary>FPR in bits 4:0 of a Loongson quad load/store.</summary>
    QuadFpr,
    /// <summary>9-bit offset in 16-byte units, then (base).</summary>
    QuadOffsetBase,
    /// <summary>8-bit byte offset in bits 13:6, then (base).</summary>
    Offset8Base,
    /// <summary>8-bit byte offset in bits 10:3, then (base,index).</summary>
    Offset8BaseIndex,
    MsaWd,
    MsaWdElement,
    MsaWsElement,
    /// <summary>GPR in bits 15:11 of an MSA instruction.</summary>
    MsaRs,
    /// <summary>GPR in bits 10:6 of an MSA instruction.</summary>
    MsaRd,
    MsaControlSource,
    MsaControlDestination,
    /// <summary>10-bit element offset scaled by the data format, then (GPR in bits 15:11).</summary>
    MsaOffsetBase,
    /// <summary>The whole word, for a reserved instruction.</summary>
    Word,
}
