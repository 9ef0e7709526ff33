namespace LoongsonDbt.Translator.Decoding;

using static InstructionClass;
using static InstructionFlags;
using static InstructionName;

public static partial class OpCodeTable
{
    // MIPS64 Release 2 integer instructions (MIPS64 Volume II, chapter 3).
    // Fields: s rs, t rt, d rd, a sa, i immediate, o offset, c code, p position/size, h hint.
#pragma warning disable IDE0055 // the columns of the table are aligned by hand
    private static readonly OpCode[] s_mips64R2 =
    [
        // SPECIAL shifts
        Mips("000000 00000 ttttt ddddd aaaaa 000000", Sll,     Shift,  RtToRd,                "sll",      "rd,rt,sa"),
        Mips("000000 00000 ttttt ddddd aaaaa 000010", Srl,     Shift,  RtToRd,                "srl",      "rd,rt,sa"),
        Mips("000000 00001 ttttt ddddd aaaaa 000010", Rotr,    Shift,  RtToRd,                "ror",      "rd,rt,sa"),
        Mips("000000 00000 ttttt ddddd aaaaa 000011", Sra,     Shift,  RtToRd,                "sra",      "rd,rt,sa"),
        Mips("000000 sssss ttttt ddddd 00000 000100", Sllv,    Shift,  RsRtToRd,              "sllv",     "rd,rt,rs"),
        Mips("000000 sssss ttttt ddddd 00000 000110", Srlv,    Shift,  RsRtToRd,              "srlv",     "rd,rt,rs"),
        Mips("000000 sssss ttttt ddddd 00001 000110", Rotrv,   Shift,  RsRtToRd,              "rorv",     "rd,rt,rs"),
        Mips("000000 sssss ttttt ddddd 00000 000111", Srav,    Shift,  RsRtToRd,              "srav",     "rd,rt,rs"),
        Mips("000000 sssss ttttt ddddd 00000 010100", Dsllv,   Shift,  RsRtToRd,              "dsllv",    "rd,rt,rs"),
        Mips("000000 sssss ttttt ddddd 00000 010110", Dsrlv,   Shift,  RsRtToRd,              "dsrlv",    "rd,rt,rs"),
        Mips("000000 sssss ttttt ddddd 00001 010110", Drotrv,  Shift,  RsRtToRd,              "drorv",    "rd,rt,rs"),
        Mips("000000 sssss ttttt ddddd 00000 010111", Dsrav,   Shift,  RsRtToRd,              "dsrav",    "rd,rt,rs"),
        Mips("000000 00000 ttttt ddddd aaaaa 111000", Dsll,    Shift,  RtToRd,                "dsll",     "rd,rt,sa"),
        Mips("000000 00000 ttttt ddddd aaaaa 111010", Dsrl,    Shift,  RtToRd,                "dsrl",     "rd,rt,sa"),
        Mips("000000 00001 ttttt ddddd aaaaa 111010", Drotr,   Shift,  RtToRd,                "dror",     "rd,rt,sa"),
        Mips("000000 00000 ttttt ddddd aaaaa 111011", Dsra,    Shift,  RtToRd,                "dsra",     "rd,rt,sa"),
        Mips("000000 00000 ttttt ddddd aaaaa 111100", Dsll32,  Shift,  RtToRd,                "dsll32",   "rd,rt,sa"),
        Mips("000000 00000 ttttt ddddd aaaaa 111110", Dsrl32,  Shift,  RtToRd,                "dsrl32",   "rd,rt,sa"),
        Mips("000000 00001 ttttt ddddd aaaaa 111110", Drotr32, Shift,  RtToRd,                "dror32",   "rd,rt,sa"),
        Mips("000000 00000 ttttt ddddd aaaaa 111111", Dsra32,  Shift,  RtToRd,                "dsra32",   "rd,rt,sa"),

        // SPECIAL jumps, moves and system
        Mips("000000 sssss 00000 00000 00000 001000", Jr,      Jump,   RegisterJump,          "jr",       "rs"),
        Mips("000000 sssss 00000 00000 10000 001000", Jr_Hb,   Jump,   RegisterJump,          "jr.hb",    "rs"),
        Mips("000000 sssss 00000 ddddd 00000 001001", Jalr,    Jump,   RegisterCall,          "jalr",     "rd,rs"),
        Mips("000000 sssss 00000 ddddd 10000 001001", Jalr_Hb, Jump,   RegisterCall,          "jalr.hb",  "rd,rs"),
        Mips("000000 sssss ttttt ddddd 00000 001010", Movz,    Alu,    RsRtToRd | ReadsRd,    "movz",     "rd,rs,rt"),
        Mips("000000 sssss ttttt ddddd 00000 001011", Movn,    Alu,    RsRtToRd | ReadsRd,    "movn",     "rd,rs,rt"),
        Mips("000000 cccccccccccccccccccc 001100",    Syscall, Trap,   Exception,             "syscall",  "code20"),
        Mips("000000 cccccccccccccccccccc 001101",    Break,   Trap,   Exception,             "break",    "breakcode"),
        Mips("000000 00000 00000 00000 ccccc 001111", Sync,    System, InstructionFlags.None, "sync",     "stype"),

        // SPECIAL multiply/divide through HI/LO
        Mips("000000 00000 00000 ddddd 00000 010000", Mfhi,    MulDiv, HiLoToRd,              "mfhi",     "rd"),
        Mips("000000 sssss 00000 00000 00000 010001", Mthi,    MulDiv, RsToHiLo,              "mthi",     "rs"),
        Mips("000000 00000 00000 ddddd 00000 010010", Mflo,    MulDiv, HiLoToRd,              "mflo",     "rd"),
        Mips("000000 sssss 00000 00000 00000 010011", Mtlo,    MulDiv, RsToHiLo,              "mtlo",     "rs"),
        Mips("000000 sssss ttttt 00000 00000 011000", Mult,    MulDiv, RsRtToHiLo,            "mult",     "rs,rt"),
        Mips("000000 sssss ttttt 00000 00000 011001", Multu,   MulDiv, RsRtToHiLo,            "multu",    "rs,rt"),
        Mips("000000 sssss ttttt 00000 00000 011010", Div,     MulDiv, RsRtToHiLo,            "div",      "zero,rs,rt"),
        Mips("000000 sssss ttttt 00000 00000 011011", Divu,    MulDiv, RsRtToHiLo,            "divu",     "zero,rs,rt"),
        Mips("000000 sssss ttttt 00000 00000 011100", Dmult,   MulDiv, RsRtToHiLo,            "dmult",    "rs,rt"),
        Mips("000000 sssss ttttt 00000 00000 011101", Dmultu,  MulDiv, RsRtToHiLo,            "dmultu",   "rs,rt"),
        Mips("000000 sssss ttttt 00000 00000 011110", Ddiv,    MulDiv, RsRtToHiLo,            "ddiv",     "zero,rs,rt"),
        Mips("000000 sssss ttttt 00000 00000 011111", Ddivu,   MulDiv, RsRtToHiLo,            "ddivu",    "zero,rs,rt"),

        // SPECIAL three-register ALU
        Mips("000000 sssss ttttt ddddd 00000 100000", Add,     Alu,    RsRtToRd | MayTrap,    "add",      "rd,rs,rt"),
        Mips("000000 sssss ttttt ddddd 00000 100001", Addu,    Alu,    RsRtToRd,              "addu",     "rd,rs,rt"),
        Mips("000000 sssss ttttt ddddd 00000 100010", Sub,     Alu,    RsRtToRd | MayTrap,    "sub",      "rd,rs,rt"),
        Mips("000000 sssss ttttt ddddd 00000 100011", Subu,    Alu,    RsRtToRd,              "subu",     "rd,rs,rt"),
        Mips("000000 sssss ttttt ddddd 00000 100100", And,     Alu,    RsRtToRd,              "and",      "rd,rs,rt"),
        Mips("000000 sssss ttttt ddddd 00000 100101", Or,      Alu,    RsRtToRd,              "or",       "rd,rs,rt"),
        Mips("000000 sssss ttttt ddddd 00000 100110", Xor,     Alu,    RsRtToRd,              "xor",      "rd,rs,rt"),
        Mips("000000 sssss ttttt ddddd 00000 100111", Nor,     Alu,    RsRtToRd,              "nor",      "rd,rs,rt"),
        Mips("000000 sssss ttttt ddddd 00000 101010", Slt,     Alu,    RsRtToRd,              "slt",      "rd,rs,rt"),
        Mips("000000 sssss ttttt ddddd 00000 101011", Sltu,    Alu,    RsRtToRd,              "sltu",     "rd,rs,rt"),
        Mips("000000 sssss ttttt ddddd 00000 101100", Dadd,    Alu,    RsRtToRd | MayTrap,    "dadd",     "rd,rs,rt"),
        Mips("000000 sssss ttttt ddddd 00000 101101", Daddu,   Alu,    RsRtToRd,              "daddu",    "rd,rs,rt"),
        Mips("000000 sssss ttttt ddddd 00000 101110", Dsub,    Alu,    RsRtToRd | MayTrap,    "dsub",     "rd,rs,rt"),
        Mips("000000 sssss ttttt ddddd 00000 101111", Dsubu,   Alu,    RsRtToRd,              "dsubu",    "rd,rs,rt"),

        // SPECIAL conditional traps
        Mips("000000 sssss ttttt cccccccccc 110000",  Tge,     Trap,   RsRt | MayTrap,        "tge",      "rs,rt,code10"),
        Mips("000000 sssss ttttt cccccccccc 110001",  Tgeu,    Trap,   RsRt | MayTrap,        "tgeu",     "rs,rt,code10"),
        Mips("000000 sssss ttttt cccccccccc 110010",  Tlt,     Trap,   RsRt | MayTrap,        "tlt",      "rs,rt,code10"),
        Mips("000000 sssss ttttt cccccccccc 110011",  Tltu,    Trap,   RsRt | MayTrap,        "tltu",     "rs,rt,code10"),
        Mips("000000 sssss ttttt cccccccccc 110100",  Teq,     Trap,   RsRt | MayTrap,        "teq",      "rs,rt,code10"),
        Mips("000000 sssss ttttt cccccccccc 110110",  Tne,     Trap,   RsRt | MayTrap,        "tne",      "rs,rt,code10"),

        // REGIMM
        Mips("000001 sssss 00000 oooooooooooooooo",   Bltz,    Branch, RsBranch,              "bltz",     "rs,branch"),
        Mips("000001 sssss 00001 oooooooooooooooo",   Bgez,    Branch, RsBranch,              "bgez",     "rs,branch"),
        Mips("000001 sssss 00010 oooooooooooooooo",   Bltzl,   Branch, RsBranch | Likely,     "bltzl",    "rs,branch"),
        Mips("000001 sssss 00011 oooooooooooooooo",   Bgezl,   Branch, RsBranch | Likely,     "bgezl",    "rs,branch"),
        Mips("000001 sssss 01000 iiiiiiiiiiiiiiii",   Tgei,    Trap,   ReadsRs | MayTrap,     "tgei",     "rs,simm"),
        Mips("000001 sssss 01001 iiiiiiiiiiiiiiii",   Tgeiu,   Trap,   ReadsRs | MayTrap,     "tgeiu",    "rs,simm"),
        Mips("000001 sssss 01010 iiiiiiiiiiiiiiii",   Tlti,    Trap,   ReadsRs | MayTrap,     "tlti",     "rs,simm"),
        Mips("000001 sssss 01011 iiiiiiiiiiiiiiii",   Tltiu,   Trap,   ReadsRs | MayTrap,     "tltiu",    "rs,simm"),
        Mips("000001 sssss 01100 iiiiiiiiiiiiiiii",   Teqi,    Trap,   ReadsRs | MayTrap,     "teqi",     "rs,simm"),
        Mips("000001 sssss 01110 iiiiiiiiiiiiiiii",   Tnei,    Trap,   ReadsRs | MayTrap,     "tnei",     "rs,simm"),
        Mips("000001 sssss 10000 oooooooooooooooo",   Bltzal,  Branch, RsBranch | WritesRa,   "bltzal",   "rs,branch"),
        Mips("000001 sssss 10001 oooooooooooooooo",   Bgezal,  Branch, RsBranch | WritesRa,   "bgezal",   "rs,branch"),
        Mips("000001 sssss 10010 oooooooooooooooo",   Bltzall, Branch, RsBranch | WritesRa | Likely, "bltzall", "rs,branch"),
        Mips("000001 sssss 10011 oooooooooooooooo",   Bgezall, Branch, RsBranch | WritesRa | Likely, "bgezall", "rs,branch"),
        Mips("000001 sssss 11111 oooooooooooooooo",   Synci,   CacheMaintenance,  ReadsRs | EndsBlock,   "synci",    "offset(base)"),

        // Jumps and branches
        Mips("000010 iiiiiiiiiiiiiiiiiiiiiiiiii",     J,       Jump,   AbsoluteJump,          "j",        "jump"),
        Mips("000011 iiiiiiiiiiiiiiiiiiiiiiiiii",     Jal,     Jump,   AbsoluteJump | WritesRa, "jal",    "jump"),
        Mips("011101 iiiiiiiiiiiiiiiiiiiiiiiiii",     Jalx,    Jump,   AbsoluteJump | WritesRa, "jalx",   "jumpx"),
        Mips("000100 sssss ttttt oooooooooooooooo",   Beq,     Branch, RsRtBranch,            "beq",      "rs,rt,branch"),
        Mips("000101 sssss ttttt oooooooooooooooo",   Bne,     Branch, RsRtBranch,            "bne",      "rs,rt,branch"),
        Mips("000110 sssss 00000 oooooooooooooooo",   Blez,    Branch, RsBranch,              "blez",     "rs,branch"),
        Mips("000111 sssss 00000 oooooooooooooooo",   Bgtz,    Branch, RsBranch,              "bgtz",     "rs,branch"),
        Mips("010100 sssss ttttt oooooooooooooooo",   Beql,    Branch, RsRtBranch | Likely,   "beql",     "rs,rt,branch"),
        Mips("010101 sssss ttttt oooooooooooooooo",   Bnel,    Branch, RsRtBranch | Likely,   "bnel",     "rs,rt,branch"),
        Mips("010110 sssss 00000 oooooooooooooooo",   Blezl,   Branch, RsBranch | Likely,     "blezl",    "rs,branch"),
        Mips("010111 sssss 00000 oooooooooooooooo",   Bgtzl,   Branch, RsBranch | Likely,     "bgtzl",    "rs,branch"),

        // Immediate ALU
        Mips("001000 sssss ttttt iiiiiiiiiiiiiiii",   Addi,    Alu,    RsToRt | MayTrap,      "addi",     "rt,rs,simm"),
        Mips("001001 sssss ttttt iiiiiiiiiiiiiiii",   Addiu,   Alu,    RsToRt,                "addiu",    "rt,rs,simm"),
        Mips("001010 sssss ttttt iiiiiiiiiiiiiiii",   Slti,    Alu,    RsToRt,                "slti",     "rt,rs,simm"),
        Mips("001011 sssss ttttt iiiiiiiiiiiiiiii",   Sltiu,   Alu,    RsToRt,                "sltiu",    "rt,rs,simm"),
        Mips("001100 sssss ttttt iiiiiiiiiiiiiiii",   Andi,    Alu,    RsToRt,                "andi",     "rt,rs,uimm"),
        Mips("001101 sssss ttttt iiiiiiiiiiiiiiii",   Ori,     Alu,    RsToRt,                "ori",      "rt,rs,uimm"),
        Mips("001110 sssss ttttt iiiiiiiiiiiiiiii",   Xori,    Alu,    RsToRt,                "xori",     "rt,rs,uimm"),
        Mips("001111 00000 ttttt iiiiiiiiiiiiiiii",   Lui,     Alu,    WritesRt,              "lui",      "rt,uimm"),
        Mips("011000 sssss ttttt iiiiiiiiiiiiiiii",   Daddi,   Alu,    RsToRt | MayTrap,      "daddi",    "rt,rs,simm"),
        Mips("011001 sssss ttttt iiiiiiiiiiiiiiii",   Daddiu,  Alu,    RsToRt,                "daddiu",   "rt,rs,simm"),

        // Loads and stores
        Mips("100000 sssss ttttt oooooooooooooooo",   Lb,      Load,   LoadGpr,               "lb",       "rt,offset(base)"),
        Mips("100001 sssss ttttt oooooooooooooooo",   Lh,      Load,   LoadGpr,               "lh",       "rt,offset(base)"),
        Mips("100010 sssss ttttt oooooooooooooooo",   Lwl,     Load,   LoadGpr | ReadsRt,     "lwl",      "rt,offset(base)"),
        Mips("100011 sssss ttttt oooooooooooooooo",   Lw,      Load,   LoadGpr,               "lw",       "rt,offset(base)"),
        Mips("100100 sssss ttttt oooooooooooooooo",   Lbu,     Load,   LoadGpr,               "lbu",      "rt,offset(base)"),
        Mips("100101 sssss ttttt oooooooooooooooo",   Lhu,     Load,   LoadGpr,               "lhu",      "rt,offset(base)"),
        Mips("100110 sssss ttttt oooooooooooooooo",   Lwr,     Load,   LoadGpr | ReadsRt,     "lwr",      "rt,offset(base)"),
        Mips("100111 sssss ttttt oooooooooooooooo",   Lwu,     Load,   LoadGpr,               "lwu",      "rt,offset(base)"),
        Mips("011010 sssss ttttt oooooooooooooooo",   Ldl,     Load,   LoadGpr | ReadsRt,     "ldl",      "rt,offset(base)"),
        Mips("011011 sssss ttttt oooooooooooooooo",   Ldr,     Load,   LoadGpr | ReadsRt,     "ldr",      "rt,offset(base)"),
        Mips("110111 sssss ttttt oooooooooooooooo",   Ld,      Load,   LoadGpr,               "ld",       "rt,offset(base)"),
        Mips("101000 sssss ttttt oooooooooooooooo",   Sb,      Store,  StoreGpr,              "sb",       "rt,offset(base)"),
        Mips("101001 sssss ttttt oooooooooooooooo",   Sh,      Store,  StoreGpr,              "sh",       "rt,offset(base)"),
        Mips("101010 sssss ttttt oooooooooooooooo",   Swl,     Store,  StoreGpr,              "swl",      "rt,offset(base)"),
        Mips("101011 sssss ttttt oooooooooooooooo",   Sw,      Store,  StoreGpr,              "sw",       "rt,offset(base)"),
        Mips("101100 sssss ttttt oooooooooooooooo",   Sdl,     Store,  StoreGpr,              "sdl",      "rt,offset(base)"),
        Mips("101101 sssss ttttt oooooooooooooooo",   Sdr,     Store,  StoreGpr,              "sdr",      "rt,offset(base)"),
        Mips("101110 sssss ttttt oooooooooooooooo",   Swr,     Store,  StoreGpr,              "swr",      "rt,offset(base)"),
        Mips("111111 sssss ttttt oooooooooooooooo",   Sd,      Store,  StoreGpr,              "sd",       "rt,offset(base)"),
        Mips("110000 sssss ttttt oooooooooooooooo",   Ll,      Atomic, LoadGpr,               "ll",       "rt,offset(base)"),
        Mips("110100 sssss ttttt oooooooooooooooo",   Lld,     Atomic, LoadGpr,               "lld",      "rt,offset(base)"),
        Mips("111000 sssss ttttt oooooooooooooooo",   Sc,      Atomic, StoreGpr | WritesRt,   "sc",       "rt,offset(base)"),
        Mips("111100 sssss ttttt oooooooooooooooo",   Scd,     Atomic, StoreGpr | WritesRt,   "scd",      "rt,offset(base)"),
        Mips("110011 sssss hhhhh oooooooooooooooo",   Pref,    CacheMaintenance,  ReadsRs,               "pref",     "op,offset(base)"),

        // Coprocessor 2 loads and stores (no COP2 on Loongson-3 outside the Loongson extensions)
        Mips("110010 sssss ttttt oooooooooooooooo",   Lwc2,    Cop2Memory, ReadsRs | ReadsMemory,    "lwc2",     "c2rt,offset(base)"),
        Mips("110110 sssss ttttt oooooooooooooooo",   Ldc2,    Cop2Memory, ReadsRs | ReadsMemory,    "ldc2",     "c2rt,offset(base)"),
        Mips("111010 sssss ttttt oooooooooooooooo",   Swc2,    Cop2Memory, ReadsRs | WritesMemory,   "swc2",     "c2rt,offset(base)"),
        Mips("111110 sssss ttttt oooooooooooooooo",   Sdc2,    Cop2Memory, ReadsRs | WritesMemory,   "sdc2",     "c2rt,offset(base)"),

        // SPECIAL2
        Mips("011100 sssss ttttt 00000 00000 000000", Madd,    MulDiv, RsRtToHiLo | ReadsHiLo, "madd",    "rs,rt"),
        Mips("011100 sssss ttttt 00000 00000 000001", Maddu,   MulDiv, RsRtToHiLo | ReadsHiLo, "maddu",   "rs,rt"),
        Mips("011100 sssss ttttt ddddd 00000 000010", Mul,     MulDiv, RsRtToRd | WritesHiLo, "mul",      "rd,rs,rt"),
        Mips("011100 sssss ttttt 00000 00000 000100", Msub,    MulDiv, RsRtToHiLo | ReadsHiLo, "msub",    "rs,rt"),
        Mips("011100 sssss ttttt 00000 00000 000101", Msubu,   MulDiv, RsRtToHiLo | ReadsHiLo, "msubu",   "rs,rt"),
        Mips("011100 sssss ttttt ddddd 00000 100000", Clz,     BitField, RsToRd,              "clz",      "rdrt,rs"),
        Mips("011100 sssss ttttt ddddd 00000 100001", Clo,     BitField, RsToRd,              "clo",      "rdrt,rs"),
        Mips("011100 sssss ttttt ddddd 00000 100100", Dclz,    BitField, RsToRd,              "dclz",     "rdrt,rs"),
        Mips("011100 sssss ttttt ddddd 00000 100101", Dclo,    BitField, RsToRd,              "dclo",     "rdrt,rs"),
        Mips("011100 cccccccccccccccccccc 111111",    Sdbbp,   Trap,   Exception,             "sdbbp",    "code20"),

        // SPECIAL3 bit fields, byte swaps, hardware registers
        Mips("011111 sssss ttttt ppppp ppppp 000000", Ext,     BitField, RsToRt,              "ext",      "rt,rs,lsb,extsize"),
        Mips("011111 sssss ttttt ppppp ppppp 000001", Dextm,   BitField, RsToRt,              "dext",     "rt,rs,lsb,extsize32"),
        Mips("011111 sssss ttttt ppppp ppppp 000010", Dextu,   BitField, RsToRt,              "dext",     "rt,rs,lsb32,extsize"),
        Mips("011111 sssss ttttt ppppp ppppp 000011", Dext,    BitField, RsToRt,              "dext",     "rt,rs,lsb,extsize"),
        Mips("011111 sssss ttttt ppppp ppppp 000100", Ins,     BitField, RsToRt | ReadsRt,    "ins",      "rt,rs,lsb,inssize"),
        Mips("011111 sssss ttttt ppppp ppppp 000101", Dinsm,   BitField, RsToRt | ReadsRt,    "dins",     "rt,rs,lsb,inssize32"),
        Mips("011111 sssss ttttt ppppp ppppp 000110", Dinsu,   BitField, RsToRt | ReadsRt,    "dins",     "rt,rs,lsb32,inssize"),
        Mips("011111 sssss ttttt ppppp ppppp 000111", Dins,    BitField, RsToRt | ReadsRt,    "dins",     "rt,rs,lsb,inssize"),
        Mips("011111 00000 ttttt ddddd 00010 100000", Wsbh,    BitField, RtToRd,              "wsbh",     "rd,rt"),
        Mips("011111 00000 ttttt ddddd 10000 100000", Seb,     BitField, RtToRd,              "seb",      "rd,rt"),
        Mips("011111 00000 ttttt ddddd 11000 100000", Seh,     BitField, RtToRd,              "seh",      "rd,rt"),
        Mips("011111 00000 ttttt ddddd 00010 100100", Dsbh,    BitField, RtToRd,              "dsbh",     "rd,rt"),
        Mips("011111 00000 ttttt ddddd 00101 100100", Dshd,    BitField, RtToRd,              "dshd",     "rd,rt"),
        Mips("011111 00000 ttttt ddddd 00000 111011", Rdhwr,   System, WritesRt | MayTrap,    "rdhwr",    "rt,hwr"),
    ];
#pragma warning restore IDE0055

    private static OpCode Mips(string pattern, InstructionName name, InstructionClass instructionClass,
        InstructionFlags flags, string mnemonic, string operands) =>
        Row(InstructionSet.Mips64R2, pattern, name, instructionClass, flags, mnemonic, operands);
}
