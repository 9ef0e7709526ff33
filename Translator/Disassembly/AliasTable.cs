using System.Collections.Immutable;
using LoongsonDbt.Translator.Decoding;

namespace LoongsonDbt.Translator.Disassembly;

using static InstructionName;

/// <summary>
/// The aliases objdump prints by default, most specific first within each instruction, and the
/// generic spellings binutils gives to reserved words in the implementation-defined spaces
/// (COP0/COP1 functions, SPECIAL2 user-defined instructions).
/// </summary>
public static class AliasTable
{
#pragma warning disable IDE0055 // the columns of the table are aligned by hand
    public static ImmutableArray<Alias> All { get; } =
    [
        new(Reserved, 0xFE00_0000, 0x4200_0000, "c0",           "cofun"),
        new(Reserved, 0xFE00_0000, 0x4600_0000, "c1",           "cofun"),
        .. Enumerable.Range(0, 16).Select(n =>
            new Alias(Reserved, 0xFC00_003F, 0x7000_0010 | (uint)n, $"udi{n}", "rs,rt,rd,sa")),
        new(Sll,     0xFFFF_FFFF, 0x0000_0000, "nop",          ""),
        new(Sll,     0xFFFF_FFFF, 0x0000_0040, "ssnop",        ""),
        new(Sll,     0xFFFF_FFFF, 0x0000_00C0, "ehb",          ""),
        new(Sll,     0xFFFF_FFFF, 0x0000_0140, "pause",        ""),
        new(Sync,    0xFFFF_FFFF, 0x0000_010F, "sync_wmb",     ""),
        new(Sync,    0xFFFF_FFFF, 0x0000_040F, "sync_mb",      ""),
        new(Sync,    0xFFFF_FFFF, 0x0000_044F, "sync_acquire", ""),
        new(Sync,    0xFFFF_FFFF, 0x0000_048F, "sync_release", ""),
        new(Sync,    0xFFFF_FFFF, 0x0000_04CF, "sync_rmb",     ""),
        new(Or,      0x001F_0000, 0x0000_0000, "move",         "rd,rs"),
        new(Addu,    0x001F_0000, 0x0000_0000, "move",         "rd,rs"),
        new(Daddu,   0x001F_0000, 0x0000_0000, "move",         "rd,rs"),
        new(Sub,     0x03E0_0000, 0x0000_0000, "neg",          "rd,rt"),
        new(Subu,    0x03E0_0000, 0x0000_0000, "negu",         "rd,rt"),
        new(Dsub,    0x03E0_0000, 0x0000_0000, "dneg",         "rd,rt"),
        new(Dsubu,   0x03E0_0000, 0x0000_0000, "dnegu",        "rd,rt"),
        new(Addiu,   0x03E0_0000, 0x0000_0000, "li",           "rt,simm"),
        new(Ori,     0x03E0_0000, 0x0000_0000, "li",           "rt,uimm"),
        new(Jalr,    0x0000_F800, 0x0000_F800, "jalr",         "rs"),
        new(Jalr_Hb, 0x0000_F800, 0x0000_F800, "jalr.hb",      "rs"),
        new(Beq,     0x03FF_0000, 0x0000_0000, "b",            "branch"),
        new(Bgez,    0x03E0_0000, 0x0000_0000, "b",            "branch"),
        new(Bgezal,  0x03E0_0000, 0x0000_0000, "bal",          "branch"),
        new(Beq,     0x001F_0000, 0x0000_0000, "beqz",         "rs,branch"),
        new(Bne,     0x001F_0000, 0x0000_0000, "bnez",         "rs,branch"),
        new(Beql,    0x001F_0000, 0x0000_0000, "beqzl",        "rs,branch"),
        new(Bnel,    0x001F_0000, 0x0000_0000, "bnezl",        "rs,branch"),
    ];
#pragma warning restore IDE0055
}
