namespace LoongsonDbt.Translator.Decoding;

using static InstructionClass;
using static InstructionFlags;
using static InstructionName;

public static partial class OpCodeTable
{
    // MIPS VZ root instructions (ISA.md 3.1): guest CP0 moves, guest TLB maintenance, hypcall.
#pragma warning disable IDE0055 // the columns of the table are aligned by hand
    private static readonly OpCode[] s_vz =
    [
        Virt("010000 00011 ttttt ddddd 000 00000 sss", Mfgc0,    Vz, WritesRt | RootOnlyPrivileged,             "mfgc0",    "rt,cp0,sel"),
        Virt("010000 00011 ttttt ddddd 001 00000 sss", Dmfgc0,   Vz, WritesRt | RootOnlyPrivileged,             "dmfgc0",   "rt,cp0,sel"),
        Virt("010000 00011 ttttt ddddd 010 00000 sss", Mtgc0,    Vz, ReadsRt | RootOnlyPrivileged | EndsBlock,  "mtgc0",    "rt,cp0,sel"),
        Virt("010000 00011 ttttt ddddd 011 00000 sss", Dmtgc0,   Vz, ReadsRt | RootOnlyPrivileged | EndsBlock,  "dmtgc0",   "rt,cp0,sel"),
        Virt("010000 1 0000000000000000000 001001",    Tlbgr,    Vz, RootOnlyPrivileged,                        "tlbgr",    ""),
        Virt("010000 1 0000000000000000000 001010",    Tlbgwi,   Vz, RootOnlyPrivileged | EndsBlock,            "tlbgwi",   ""),
        Virt("010000 1 0000000000000000000 001011",    Tlbginv,  Vz, RootOnlyPrivileged | EndsBlock,            "tlbginv",  ""),
        Virt("010000 1 0000000000000000000 001100",    Tlbginvf, Vz, RootOnlyPrivileged | EndsBlock,            "tlbginvf", ""),
        Virt("010000 1 0000000000000000000 001110",    Tlbgwr,   Vz, RootOnlyPrivileged | EndsBlock,            "tlbgwr",   ""),
        Virt("010000 1 0000000000000000000 010000",    Tlbgp,    Vz, RootOnlyPrivileged,                        "tlbgp",    ""),
        Virt("010000 1 0000 cccccccccc 00000 101000", Hypcall, Vz, Privileged | Exception,                    "hypcall",  "hcode?"),
    ];
#pragma warning restore IDE0055

    private static OpCode Virt(string pattern, InstructionName name, InstructionClass instructionClass,
        InstructionFlags flags, string mnemonic, string operands) =>
        Row(InstructionSet.Vz, pattern, name, instructionClass, flags, mnemonic, operands);
}

