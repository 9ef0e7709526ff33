namespace LoongsonDbt.Translator.Decoding;

using static InstructionClass;
using static InstructionFlags;
using static InstructionName;

public static partial class OpCodeTable
{
    // The MSA instructions the kernel's vector context save/restore uses (ISA.md 2.5). Vector
    // offsets count elements; element indices live in the df/n field.
#pragma warning disable IDE0055 // the columns of the table are aligned by hand
    private static readonly OpCode[] s_msaContext =
    [
        Vector("011110 oooooooooo sssss ddddd 1000 00",  Ld_B,     Msa, MsaLoad,   "ld.b",     "wd,msaoffset(msa_rs)"),
        Vector("011110 oooooooooo sssss ddddd 1000 01",  Ld_H,     Msa, MsaLoad,   "ld.h",     "wd,msaoffset(msa_rs)"),
        Vector("011110 oooooooooo sssss ddddd 1000 10",  Ld_W,     Msa, MsaLoad,   "ld.w",     "wd,msaoffset(msa_rs)"),
        Vector("011110 oooooooooo sssss ddddd 1000 11",  Ld_D,     Msa, MsaLoad,   "ld.d",     "wd,msaoffset(msa_rs)"),
        Vector("011110 oooooooooo sssss ddddd 1001 00",  St_B,     Msa, MsaStore,  "st.b",     "wd,msaoffset(msa_rs)"),
        Vector("011110 oooooooooo sssss ddddd 1001 01",  St_H,     Msa, MsaStore,  "st.h",     "wd,msaoffset(msa_rs)"),
        Vector("011110 oooooooooo sssss ddddd 1001 10",  St_W,     Msa, MsaStore,  "st.w",     "wd,msaoffset(msa_rs)"),
        Vector("011110 oooooooooo sssss ddddd 1001 11",  St_D,     Msa, MsaStore,  "st.d",     "wd,msaoffset(msa_rs)"),
        Vector("011110 0100 00nnnn sssss ddddd 011001",  Insert_B, Msa, MsaFromGpr, "insert.b", "wd[n],msa_rs"),
        Vector("011110 0100 100nnn sssss ddddd 011001",  Insert_H, Msa, MsaFromGpr, "insert.h", "wd[n],msa_rs"),
        Vector("011110 0100 1100nn sssss ddddd 011001",  Insert_W, Msa, MsaFromGpr, "insert.w", "wd[n],msa_rs"),
        Vector("011110 0100 11100n sssss ddddd 011001",  Insert_D, Msa, MsaFromGpr, "insert.d", "wd[n],msa_rs"),
        Vector("011110 0010 00nnnn sssss ddddd 011001",  Copy_S_B, Msa, MsaToGpr,  "copy_s.b", "msa_rd,ws[n]"),
        Vector("011110 0010 100nnn sssss ddddd 011001",  Copy_S_H, Msa, MsaToGpr,  "copy_s.h", "msa_rd,ws[n]"),
        Vector("011110 0010 1100nn sssss ddddd 011001",  Copy_S_W, Msa, MsaToGpr,  "copy_s.w", "msa_rd,ws[n]"),
        Vector("011110 0010 11100n sssss ddddd 011001",  Copy_S_D, Msa, MsaToGpr,  "copy_s.d", "msa_rd,ws[n]"),
        Vector("011110 0000111110 sssss ddddd 011001",   Ctcmsa,   Msa, MsaFromGpr | EndsBlock, "ctcmsa", "msa_cd,msa_rs"),
        Vector("011110 0001111110 sssss ddddd 011001",   Cfcmsa,   Msa, MsaToGpr,  "cfcmsa",   "msa_rd,msa_cs"),
    ];
#pragma warning restore IDE0055

    private static OpCode Vector(string pattern, InstructionName name, InstructionClass instructionClass,
        InstructionFlags flags, string mnemonic, string operands) =>
        Row(InstructionSet.MsaContext, pattern, name, instructionClass, flags, mnemonic, operands);
}
