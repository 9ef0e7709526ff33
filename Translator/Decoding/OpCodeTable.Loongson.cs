namespace LoongsonDbt.Translator.Decoding;

using static InstructionClass;
using static InstructionFlags;
using static InstructionName;

public static partial class OpCodeTable
{
    // Loongson-3 extensions (ISA.md section 2): LEXT multiply/divide to a GPR, the EXT indexed,
    // quad, left/right and bounded loads/stores, CAM, and the system ops in the LWC2 space that
    // binutils prints as plain lwc2.
#pragma warning disable IDE0055 // the columns of the table are aligned by hand
    private static readonly OpCode[] s_loongsonExt =
    [
        Lext("011100 sssss ttttt ddddd 00000 010000", Gsmult,   LoongsonMulDiv, RsRtToRd,            "gsmult",   "rd,rs,rt"),
        Lext("011100 sssss ttttt ddddd 00000 010001", Gsdmult,  LoongsonMulDiv, RsRtToRd,            "gsdmult",  "rd,rs,rt"),
        Lext("011100 sssss ttttt ddddd 00000 010010", Gsmultu,  LoongsonMulDiv, RsRtToRd,            "gsmultu",  "rd,rs,rt"),
        Lext("011100 sssss ttttt ddddd 00000 010011", Gsdmultu, LoongsonMulDiv, RsRtToRd,            "gsdmultu", "rd,rs,rt"),
        Lext("011100 sssss ttttt ddddd 00000 010100", Gsdiv,    LoongsonMulDiv, RsRtToRd,            "gsdiv",    "rd,rs,rt"),
        Lext("011100 sssss ttttt ddddd 00000 010101", Gsddiv,   LoongsonMulDiv, RsRtToRd,            "gsddiv",   "rd,rs,rt"),
        Lext("011100 sssss ttttt ddddd 00000 010110", Gsdivu,   LoongsonMulDiv, RsRtToRd,            "gsdivu",   "rd,rs,rt"),
        Lext("011100 sssss ttttt ddddd 00000 010111", Gsddivu,  LoongsonMulDiv, RsRtToRd,            "gsddivu",  "rd,rs,rt"),
        Lext("011100 sssss ttttt ddddd 00000 011100", Gsmod,    LoongsonMulDiv, RsRtToRd,            "gsmod",    "rd,rs,rt"),
        Lext("011100 sssss ttttt ddddd 00000 011101", Gsdmod,   LoongsonMulDiv, RsRtToRd,            "gsdmod",   "rd,rs,rt"),
        Lext("011100 sssss ttttt ddddd 00000 011110", Gsmodu,   LoongsonMulDiv, RsRtToRd,            "gsmodu",   "rd,rs,rt"),
        Lext("011100 sssss ttttt ddddd 00000 011111", Gsdmodu,  LoongsonMulDiv, RsRtToRd,            "gsdmodu",  "rd,rs,rt"),
        Lext("011100 sssss ttttt 00000 00000 100110", Gsle,     Trap,           RsRt | MayTrap,      "gsle",     "rs,rt"),
        Lext("011100 sssss ttttt 00000 00000 100111", Gsgt,     Trap,           RsRt | MayTrap,      "gsgt",     "rs,rt"),

        // Quad (two GPRs or two FPRs) loads and stores; offset in 16-byte units
        Lext("110010 sssss ttttt 0 ooooooooo 1 qqqqq", Gslq,    LoongsonMemory, LoadGpr | OtherGprs,  "gslq",     "rq,rt,quadoffset(base)"),
        Lext("110010 sssss ttttt 1 ooooooooo 1 qqqqq", Gslqc1,  LoongsonMemory, FpuLoad,             "gslqc1",   "fq,ft,quadoffset(base)"),
        Lext("111010 sssss ttttt 0 ooooooooo 1 qqqqq", Gssq,    LoongsonMemory, StoreGpr | OtherGprs, "gssq",     "rq,rt,quadoffset(base)"),
        Lext("111010 sssss ttttt 1 ooooooooo 1 qqqqq", Gssqc1,  LoongsonMemory, FpuStore,            "gssqc1",   "fq,ft,quadoffset(base)"),

        // Unaligned left/right parts into and from FPRs; 8-bit byte offset
        Lext("110010 sssss ttttt 00 oooooooo 000100",  Gslwlc1, LoongsonMemory, FpuLoad,             "gslwlc1",  "ft,offset8(base)"),
        Lext("110010 sssss ttttt 00 oooooooo 000101",  Gslwrc1, LoongsonMemory, FpuLoad,             "gslwrc1",  "ft,offset8(base)"),
        Lext("110010 sssss ttttt 00 oooooooo 000110",  Gsldlc1, LoongsonMemory, FpuLoad,             "gsldlc1",  "ft,offset8(base)"),
        Lext("110010 sssss ttttt 00 oooooooo 000111",  Gsldrc1, LoongsonMemory, FpuLoad,             "gsldrc1",  "ft,offset8(base)"),
        Lext("111010 sssss ttttt 00 oooooooo 000100",  Gsswlc1, LoongsonMemory, FpuStore,            "gsswlc1",  "ft,offset8(base)"),
        Lext("111010 sssss ttttt 00 oooooooo 000101",  Gsswrc1, LoongsonMemory, FpuStore,            "gsswrc1",  "ft,offset8(base)"),
        Lext("111010 sssss ttttt 00 oooooooo 000110",  Gssdlc1, LoongsonMemory, FpuStore,            "gssdlc1",  "ft,offset8(base)"),
        Lext("111010 sssss ttttt 00 oooooooo 000111",  Gssdrc1, LoongsonMemory, FpuStore,            "gssdrc1",  "ft,offset8(base)"),

        // Bounded loads and stores: the access happens only if base is within the bound
        Lext("110010 sssss ttttt ddddd 00000 010000",  Gslble,  LoongsonMemory, BoundedLoad,         "gslble",   "rt,rs,rd"),
        Lext("110010 sssss ttttt ddddd 00000 010001",  Gslbgt,  LoongsonMemory, BoundedLoad,         "gslbgt",   "rt,rs,rd"),
        Lext("110010 sssss ttttt ddddd 00000 010010",  Gslhle,  LoongsonMemory, BoundedLoad,         "gslhle",   "rt,rs,rd"),
        Lext("110010 sssss ttttt ddddd 00000 010011",  Gslhgt,  LoongsonMemory, BoundedLoad,         "gslhgt",   "rt,rs,rd"),
        Lext("110010 sssss ttttt ddddd 00000 010100",  Gslwle,  LoongsonMemory, BoundedLoad,         "gslwle",   "rt,rs,rd"),
        Lext("110010 sssss ttttt ddddd 00000 010101",  Gslwgt,  LoongsonMemory, BoundedLoad,         "gslwgt",   "rt,rs,rd"),
        Lext("110010 sssss ttttt ddddd 00000 010110",  Gsldle,  LoongsonMemory, BoundedLoad,         "gsldle",   "rt,rs,rd"),
        Lext("110010 sssss ttttt ddddd 00000 010111",  Gsldgt,  LoongsonMemory, BoundedLoad,         "gsldgt",   "rt,rs,rd"),
        Lext("110010 sssss ttttt ddddd 00000 011000",  Gslwlec1, LoongsonMemory, BoundedFpuLoad,     "gslwlec1", "ft,rs,rd"),
        Lext("110010 sssss ttttt ddddd 00000 011001",  Gslwgtc1, LoongsonMemory, BoundedFpuLoad,     "gslwgtc1", "ft,rs,rd"),
        Lext("110010 sssss ttttt ddddd 00000 011010",  Gsldlec1, LoongsonMemory, BoundedFpuLoad,     "gsldlec1", "ft,rs,rd"),
        Lext("110010 sssss ttttt ddddd 00000 011011",  Gsldgtc1, LoongsonMemory, BoundedFpuLoad,     "gsldgtc1", "ft,rs,rd"),
        Lext("111010 sssss ttttt ddddd 00000 010000",  Gssble,  LoongsonMemory, BoundedStore,        "gssble",   "rt,rs,rd"),
        Lext("111010 sssss ttttt ddddd 00000 010001",  Gssbgt,  LoongsonMemory, BoundedStore,        "gssbgt",   "rt,rs,rd"),
        Lext("111010 sssss ttttt ddddd 00000 010010",  Gsshle,  LoongsonMemory, BoundedStore,        "gsshle",   "rt,rs,rd"),
        Lext("111010 sssss ttttt ddddd 00000 010011",  Gsshgt,  LoongsonMemory, BoundedStore,        "gsshgt",   "rt,rs,rd"),
        Lext("111010 sssss ttttt ddddd 00000 010100",  Gsswle,  LoongsonMemory, BoundedStore,        "gsswle",   "rt,rs,rd"),
        Lext("111010 sssss ttttt ddddd 00000 010101",  Gsswgt,  LoongsonMemory, BoundedStore,        "gsswgt",   "rt,rs,rd"),
        Lext("111010 sssss ttttt ddddd 00000 010110",  Gssdle,  LoongsonMemory, BoundedStore,        "gssdle",   "rt,rs,rd"),
        Lext("111010 sssss ttttt ddddd 00000 010111",  Gssdgt,  LoongsonMemory, BoundedStore,        "gssdgt",   "rt,rs,rd"),
        Lext("111010 sssss ttttt ddddd 00000 011100",  Gsswlec1, LoongsonMemory, BoundedFpuStore,    "gsswlec1", "ft,rs,rd"),
        Lext("111010 sssss ttttt ddddd 00000 011101",  Gsswgtc1, LoongsonMemory, BoundedFpuStore,    "gsswgtc1", "ft,rs,rd"),
        Lext("111010 sssss ttttt ddddd 00000 011110",  Gssdlec1, LoongsonMemory, BoundedFpuStore,    "gssdlec1", "ft,rs,rd"),
        Lext("111010 sssss ttttt ddddd 00000 011111",  Gssdgtc1, LoongsonMemory, BoundedFpuStore,    "gssdgtc1", "ft,rs,rd"),

        // Indexed loads and stores: base + index + 8-bit byte offset
        Lext("110110 sssss ttttt iiiii oooooooo 000",  Gslbx,   LoongsonMemory, IndexedLoad,         "gslbx",    "rt,offset8x(base,index)"),
        Lext("110110 sssss ttttt iiiii oooooooo 001",  Gslhx,   LoongsonMemory, IndexedLoad,         "gslhx",    "rt,offset8x(base,index)"),
        Lext("110110 sssss ttttt iiiii oooooooo 010",  Gslwx,   LoongsonMemory, IndexedLoad,         "gslwx",    "rt,offset8x(base,index)"),
        Lext("110110 sssss ttttt iiiii oooooooo 011",  Gsldx,   LoongsonMemory, IndexedLoad,         "gsldx",    "rt,offset8x(base,index)"),
        Lext("110110 sssss ttttt iiiii oooooooo 110",  Gslwxc1, LoongsonMemory, IndexedFpuLoad,      "gslwxc1",  "ft,offset8x(base,index)"),
        Lext("110110 sssss ttttt iiiii oooooooo 111",  Gsldxc1, LoongsonMemory, IndexedFpuLoad,      "gsldxc1",  "ft,offset8x(base,index)"),
        Lext("111110 sssss ttttt iiiii oooooooo 000",  Gssbx,   LoongsonMemory, IndexedStore,        "gssbx",    "rt,offset8x(base,index)"),
        Lext("111110 sssss ttttt iiiii oooooooo 001",  Gsshx,   LoongsonMemory, IndexedStore,        "gsshx",    "rt,offset8x(base,index)"),
        Lext("111110 sssss ttttt iiiii oooooooo 010",  Gsswx,   LoongsonMemory, IndexedStore,        "gsswx",    "rt,offset8x(base,index)"),
        Lext("111110 sssss ttttt iiiii oooooooo 011",  Gssdx,   LoongsonMemory, IndexedStore,        "gssdx",    "rt,offset8x(base,index)"),
        Lext("111110 sssss ttttt iiiii oooooooo 110",  Gsswxc1, LoongsonMemory, IndexedFpuStore,     "gsswxc1",  "ft,offset8x(base,index)"),
        Lext("111110 sssss ttttt iiiii oooooooo 111",  Gssdxc1, LoongsonMemory, IndexedFpuStore,     "gssdxc1",  "ft,offset8x(base,index)"),
    ];

    private static readonly OpCode[] s_loongsonCam =
    [
        Row(InstructionSet.LoongsonCam, "011100 sssss 00000 ddddd 00000 110101", Campv, LoongsonCam, RsToRd | Privileged, "campv", "rd,rs"),
        Row(InstructionSet.LoongsonCam, "011100 sssss 00000 ddddd 00001 110101", Campi, LoongsonCam, RsToRd | Privileged, "campi", "rd,rs"),
        Row(InstructionSet.LoongsonCam, "011100 sssss ttttt ddddd 00010 110101", Camwi, LoongsonCam, RsRt | ReadsRd | Privileged, "camwi", "rd,rs,rt"),
        Row(InstructionSet.LoongsonCam, "011100 sssss 00000 ddddd 00011 110101", Ramri, LoongsonCam, RsToRd | Privileged, "ramri", "rd,rs"),
    ];

    // LWC2 funct 0x18, selected by sa then rt (ISA.md 2.2); binutils knows none of them.
    private static readonly OpCode[] s_loongsonCsr =
    [
        Lcsr("110010 sssss 00000 ddddd 00100 011000",  Rdcsr,   LoongsonSystem, ReadsRs | WritesRd | Privileged,  "lwc2", "c2rt,offset(base)"),
        Lcsr("110010 sssss 00001 ddddd 00100 011000",  Wrcsr,   LoongsonSystem, ReadsRs | ReadsRd | Privileged | EndsBlock, "lwc2", "c2rt,offset(base)"),
        Lcsr("110010 sssss 00010 ddddd 00100 011000",  Drdcsr,  LoongsonSystem, ReadsRs | WritesRd | Privileged,  "lwc2", "c2rt,offset(base)"),
        Lcsr("110010 sssss 00011 ddddd 00100 011000",  Dwrcsr,  LoongsonSystem, ReadsRs | ReadsRd | Privileged | EndsBlock, "lwc2", "c2rt,offset(base)"),
        Lcsr("110010 sssss 01000 ddddd 00100 011000",  Cpucfg,  LoongsonSystem, ReadsRs | WritesRd,               "lwc2", "c2rt,offset(base)"),
        Lcsr("110010 sssss 01001 ddddd 00100 011000",  Rdtime,  LoongsonSystem, WritesRd | WritesRs,              "lwc2", "c2rt,offset(base)"),
        Lcsr("110010 sssss ttttt ddddd 00010 011000",  Lddir,   LoongsonSystem, ReadsRs | WritesRt | ReadsMemory | Privileged, "lwc2", "c2rt,offset(base)"),
        Lcsr("110010 sssss 00000 ddddd 00011 011000",  Ldpte,   LoongsonSystem, ReadsRs | ReadsMemory | Privileged, "lwc2", "c2rt,offset(base)"),
    ];
#pragma warning restore IDE0055

    private static OpCode Lext(string pattern, InstructionName name, InstructionClass instructionClass,
        InstructionFlags flags, string mnemonic, string operands) =>
        Row(InstructionSet.LoongsonExt, pattern, name, instructionClass, flags, mnemonic, operands);

    private static OpCode Lcsr(string pattern, InstructionName name, InstructionClass instructionClass,
        InstructionFlags flags, string mnemonic, string operands) =>
        Row(InstructionSet.LoongsonCsr, pattern, name, instructionClass, flags, mnemonic, operands);
}
