namespace LoongsonDbt.Translator.Decoding;

using static InstructionClass;
using static InstructionFlags;
using static InstructionName;

public static partial class OpCodeTable
{
    // Coprocessor 0, TLB and cache maintenance (MIPS64 Volume III; Loongson-3 has no TLBINV,
    // so binutils prints TLBINVF as the generic "c0 0x4").
#pragma warning disable IDE0055 // the columns of the table are aligned by hand
    private static readonly OpCode[] s_cp0 =
    [
        Cop0("010000 00000 ttttt ddddd 00000000 sss", Mfc0,    Cp0,    WritesRt | Privileged,             "mfc0",   "rt,cp0,sel"),
        Cop0("010000 00001 ttttt ddddd 00000000 sss", Dmfc0,   Cp0,    WritesRt | Privileged,             "dmfc0",  "rt,cp0,sel"),
        Cop0("010000 00100 ttttt ddddd 00000000 sss", Mtc0,    Cp0,    ReadsRt | Privileged | EndsBlock,  "mtc0",   "rt,cp0,sel"),
        Cop0("010000 00101 ttttt ddddd 00000000 sss", Dmtc0,   Cp0,    ReadsRt | Privileged | EndsBlock,  "dmtc0",  "rt,cp0,sel"),
        Cop0("010000 01010 ttttt ddddd 00000 000000", Rdpgpr,  Cp0,    ReadsRt | WritesRd | Privileged,   "rdpgpr", "rd,rt"),
        Cop0("010000 01110 ttttt ddddd 00000 000000", Wrpgpr,  Cp0,    ReadsRt | WritesRd | Privileged,   "wrpgpr", "rd,rt"),
        Cop0("010000 01011 ttttt 01100 00000 000000", Di,      Cp0,    WritesRt | Privileged | EndsBlock, "di",     "rt?"),
        Cop0("010000 01011 ttttt 01100 00000 100000", Ei,      Cp0,    WritesRt | Privileged | EndsBlock, "ei",     "rt?"),
        Cop0("010000 1 0000000000000000000 000001",   Tlbr,    Tlb,    Privileged,                        "tlbr",   ""),
        Cop0("010000 1 0000000000000000000 000010",   Tlbwi,   Tlb,    Privileged | EndsBlock,            "tlbwi",  ""),
        Cop0("010000 1 0000000000000000000 000011",   Tlbinv,  Tlb,    Privileged | EndsBlock,            "c0",     "cofun"),
        Cop0("010000 1 0000000000000000000 000100",   Tlbinvf, Tlb,    Privileged | EndsBlock,            "c0",     "cofun"),
        Cop0("010000 1 0000000000000000000 000110",   Tlbwr,   Tlb,    Privileged | EndsBlock,            "tlbwr",  ""),
        Cop0("010000 1 0000000000000000000 001000",   Tlbp,    Tlb,    Privileged,                        "tlbp",   ""),
        Cop0("010000 1 0000000000000000000 011000",   Eret,    Cp0,    Privileged | UnconditionalJump | EndsBlock,     "eret",   ""),
        Cop0("010000 1 0000000000000000000 011111",   Deret,   Cp0,    Privileged | UnconditionalJump | EndsBlock,     "deret",  ""),
        Cop0("010000 1 ccccccccccccccccccc 100000",   Wait,    Cp0,    Privileged | EndsBlock,            "wait",   "code19?"),
        Cop0("101111 sssss ccccc oooooooooooooooo",   Cache,   CacheMaintenance,  ReadsRs | Privileged | EndsBlock,  "cache",  "op,offset(base)"),
    ];
#pragma warning restore IDE0055

    private static OpCode Cop0(string pattern, InstructionName name, InstructionClass instructionClass,
        InstructionFlags flags, string mnemonic, string operands) =>
        Row(InstructionSet.Cp0, pattern, name, instructionClass, flags, mnemonic, operands);
}
