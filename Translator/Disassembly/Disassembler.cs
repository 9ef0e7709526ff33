using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using LoongsonDbt.Translator.Decoding;

namespace LoongsonDbt.Translator.Disassembly;

/// <summary>
/// Prints decoded instructions in the syntax of GNU objdump (<c>-m mips:gs464 -M virt,msa</c>,
/// n64 register names): the mnemonic, a tab, then the operands.
/// </summary>
public static class Disassembler
{
    private static readonly ImmutableArray<OperandSyntax[]> s_operandsByName =
        [.. Enum.GetValues<InstructionName>().Select(n => ParseOperands(OpCodeTable.Get(n).Operands))];

    private static readonly ImmutableArray<(Alias Alias, OperandSyntax[] Operands)[]> s_aliasesByName =
        [.. Enum.GetValues<InstructionName>().Select(n =>
            AliasTable.All.Where(a => a.Name == n).Select(a => (a, ParseOperands(a.Operands))).ToArray())];

    /// <summary>The text of <paramref name="instruction"/> at <paramref name="pc"/> (branch targets are absolute).</summary>
    public static string Format(in DecodedInstruction instruction, ulong pc)
    {
        string mnemonic = instruction.OpCode.Mnemonic;
        OperandSyntax[] operands = s_operandsByName[(int)instruction.Name];
        foreach ((Alias alias, OperandSyntax[] aliasOperands) in s_aliasesByName[(int)instruction.Name])
        {
            if (alias.Matches(instruction.Word))
            {
                mnemonic = alias.Mnemonic;
                operands = aliasOperands;
                break;
            }
        }

        var text = new StringBuilder(mnemonic);
        bool first = true;
        foreach (OperandSyntax operand in operands)
        {
            string? value = FormatOperand(operand, instruction, pc);
            if (value is null)
            {
                continue;
            }

            text.Append(first ? '\t' : ',').Append(value);
            first = false;
        }

        return text.ToString();
    }

    /// <summary>Formats one operand, or returns null for an optional operand that is absent.</summary>
    private static string? FormatOperand(OperandSyntax operand, in DecodedInstruction i, ulong pc)
    {
        uint w = i.Word;
        return operand switch
        {
            OperandSyntax.Rd => RegisterNames.Gpr(i.Rd),
            OperandSyntax.Rs => RegisterNames.Gpr(i.Rs),
            OperandSyntax.Rt => RegisterNames.Gpr(i.Rt),
            OperandSyntax.OptionalRt => i.Rt == 0 ? null : RegisterNames.Gpr(i.Rt),
            OperandSyntax.Zero => RegisterNames.Gpr(0),
            OperandSyntax.RdRt => FormatRdRt(i.Rd, i.Rt),
            OperandSyntax.ShiftAmount => Hex((uint)i.Sa),
            OperandSyntax.SignedImmediate => Decimal(i.Immediate),
            OperandSyntax.UnsignedImmediate => Hex(i.UnsignedImmediate),
            OperandSyntax.OffsetBase => $"{Decimal(i.Immediate)}({RegisterNames.Gpr(i.Base)})",
            OperandSyntax.BranchTarget => Hex(i.BranchTarget(pc)),
            OperandSyntax.JumpTarget => Hex(i.JumpTarget(pc)),
            OperandSyntax.JumpExchangeTarget => Hex(i.JumpTarget(pc) | 1),
            OperandSyntax.Code20 => OptionalHex((w >> 6) & 0xF_FFFF),
            OperandSyntax.BreakCode => FormatBreakCode(w),
            OperandSyntax.Code10 => OptionalHex((w >> 6) & 0x3FF),
            OperandSyntax.Code19 => OptionalHex((w >> 6) & 0x7_FFFF),
            OperandSyntax.HypcallCode => OptionalHex((w >> 11) & 0x3FF),
            OperandSyntax.SyncType => OptionalHex((uint)i.Sa),
            OperandSyntax.Cop0Function => Hex(w & 0x1FF_FFFF),
            OperandSyntax.BitFieldLsb => Hex((uint)i.Sa),
            OperandSyntax.BitFieldLsbPlus32 => Hex((uint)i.Sa + 32),
            OperandSyntax.ExtractSize => Hex((uint)i.Rd + 1),
            OperandSyntax.ExtractSizePlus32 => Hex((uint)i.Rd + 33),
            OperandSyntax.InsertSize => Hex((uint)(i.Rd - i.Sa + 1)),
            OperandSyntax.InsertSizePlus32 => Hex((uint)(i.Rd + 32 - i.Sa + 1)),
            OperandSyntax.HardwareRegister => $"${i.Rd}",
            OperandSyntax.Cp0Register => $"${i.Rd}",
            OperandSyntax.Cp0Select => i.Select == 0 ? null : i.Select.ToString(CultureInfo.InvariantCulture),
            OperandSyntax.CacheOp => Hex((uint)i.Rt),
            OperandSyntax.PrefetchHint => Hex((uint)i.Rd),
            OperandSyntax.Cop2Register => $"${i.Rt}",
            OperandSyntax.Fd => RegisterNames.Fpr(i.Fd),
            OperandSyntax.Fs => RegisterNames.Fpr(i.Fs),
            OperandSyntax.Ft => RegisterNames.Fpr(i.Ft),
            OperandSyntax.Fr => RegisterNames.Fpr(i.Fr),
            OperandSyntax.FpuControlRegister => RegisterNames.FpuControl(i.Rd),
            OperandSyntax.BranchConditionCode => $"$fcc{i.BranchConditionCode}",
            OperandSyntax.OptionalBranchConditionCode => i.BranchConditionCode == 0 ? null : $"$fcc{i.BranchConditionCode}",
            OperandSyntax.OptionalCompareConditionCode => i.CompareConditionCode == 0 ? null : $"$fcc{i.CompareConditionCode}",
            OperandSyntax.IndexBase => $"{RegisterNames.Gpr(i.Rt)}({RegisterNames.Gpr(i.Base)})",
            OperandSyntax.QuadRegister => RegisterNames.Gpr((int)(w & 0x1F)),
            OperandSyntax.QuadFpr => RegisterNames.Fpr((int)(w & 0x1F)),
            OperandSyntax.QuadOffsetBase => $"{Decimal(SignExtend(w >> 6, 9) * 16)}({RegisterNames.Gpr(i.Base)})",
            OperandSyntax.Offset8Base => $"{Decimal(SignExtend(w >> 6, 8))}({RegisterNames.Gpr(i.Base)})",
            OperandSyntax.Offset8BaseIndex =>
                $"{Decimal(SignExtend(w >> 3, 8))}({RegisterNames.Gpr(i.Base)},{RegisterNames.Gpr(i.Rd)})",
            OperandSyntax.MsaWd => $"$w{i.Sa}",
            OperandSyntax.MsaWdElement => $"$w{i.Sa}[{MsaElementIndex(w)}]",
            OperandSyntax.MsaWsElement => $"$w{i.Rd}[{MsaElementIndex(w)}]",
            OperandSyntax.MsaRs => RegisterNames.Gpr(i.Rd),
            OperandSyntax.MsaRd => RegisterNames.Gpr(i.Sa),
            OperandSyntax.MsaControlSource => RegisterNames.MsaControl(i.Rd),
            OperandSyntax.MsaControlDestination => RegisterNames.MsaControl(i.Sa),
            OperandSyntax.MsaOffsetBase =>
                $"{Decimal(SignExtend(w >> 16, 10) << (int)(w & 3))}({RegisterNames.Gpr(i.Rd)})",
            OperandSyntax.Word => Hex(w),
            _ => throw new ArgumentOutOfRangeException(nameof(operand), operand, null),
        };
    }

    /// <summary>rd and rt must name the same register; binutils shows both only when they differ and neither is $zero.</summary>
    private static string FormatRdRt(int rd, int rt) => (rd, rt) switch
    {
        _ when rd == rt || rt == 0 => RegisterNames.Gpr(rd),
        (0, _) => RegisterNames.Gpr(rt),
        _ => $"{RegisterNames.Gpr(rd)} or {RegisterNames.Gpr(rt)}",
    };

    private static string? FormatBreakCode(uint word)
    {
        uint high = (word >> 16) & 0x3FF, low = (word >> 6) & 0x3FF;
        return (high, low) switch
        {
            (0, 0) => null,
            (_, 0) => Hex(high),
            _ => $"{Hex(high)},{Hex(low)}",
        };
    }

    /// <summary>The element index in the df/n field (bits 21:16): the bits below the format's marker.</summary>
    private static int MsaElementIndex(uint word)
    {
        int dfn = (int)(word >> 16) & 0x3F;
        return (dfn & 0x30) != 0x30 ? dfn & 0xF : (dfn & 0x38) == 0x30 ? dfn & 0x7 : (dfn & 0x3C) == 0x38 ? dfn & 0x3 : dfn & 0x1;
    }

    private static long SignExtend(uint value, int bits) => (long)((ulong)value << (64 - bits)) >> (64 - bits);

    private static string Decimal(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private static string? OptionalHex(uint value) => value == 0 ? null : Hex(value);

    private static OperandSyntax[] ParseOperands(string syntax)
    {
        if (syntax.Length == 0)
        {
            return [];
        }

        var operands = new List<OperandSyntax>();
        int depth = 0, start = 0;
        for (int i = 0; i <= syntax.Length; i++)
        {
            if (i == syntax.Length || (syntax[i] == ',' && depth == 0))
            {
                operands.Add(ParseOperand(syntax[start..i]));
                start = i + 1;
            }
            else if (syntax[i] == '(')
            {
                depth++;
            }
            else if (syntax[i] == ')')
            {
                depth--;
            }
        }

        return [.. operands];
    }

    private static OperandSyntax ParseOperand(string token) => token switch
    {
        "rd" => OperandSyntax.Rd,
        "rs" => OperandSyntax.Rs,
        "rt" => OperandSyntax.Rt,
        "rt?" => OperandSyntax.OptionalRt,
        "zero" => OperandSyntax.Zero,
        "rdrt" => OperandSyntax.RdRt,
        "sa" => OperandSyntax.ShiftAmount,
        "simm" => OperandSyntax.SignedImmediate,
        "uimm" => OperandSyntax.UnsignedImmediate,
        "offset(base)" => OperandSyntax.OffsetBase,
        "branch" => OperandSyntax.BranchTarget,
        "jump" => OperandSyntax.JumpTarget,
        "jumpx" => OperandSyntax.JumpExchangeTarget,
        "code20" => OperandSyntax.Code20,
        "breakcode" => OperandSyntax.BreakCode,
        "code10" => OperandSyntax.Code10,
        "code19?" => OperandSyntax.Code19,
        "hcode?" => OperandSyntax.HypcallCode,
        "stype" => OperandSyntax.SyncType,
        "cofun" => OperandSyntax.Cop0Function,
        "lsb" => OperandSyntax.BitFieldLsb,
        "lsb32" => OperandSyntax.BitFieldLsbPlus32,
        "extsize" => OperandSyntax.ExtractSize,
        "extsize32" => OperandSyntax.ExtractSizePlus32,
        "inssize" => OperandSyntax.InsertSize,
        "inssize32" => OperandSyntax.InsertSizePlus32,
        "hwr" => OperandSyntax.HardwareRegister,
        "cp0" => OperandSyntax.Cp0Register,
        "sel" => OperandSyntax.Cp0Select,
        "op" => OperandSyntax.CacheOp,
        "hint" => OperandSyntax.PrefetchHint,
        "c2rt" => OperandSyntax.Cop2Register,
        "fd" => OperandSyntax.Fd,
        "fs" => OperandSyntax.Fs,
        "ft" => OperandSyntax.Ft,
        "fr" => OperandSyntax.Fr,
        "fcr" => OperandSyntax.FpuControlRegister,
        "bcc" => OperandSyntax.BranchConditionCode,
        "bcc?" => OperandSyntax.OptionalBranchConditionCode,
        "ccc?" => OperandSyntax.OptionalCompareConditionCode,
        "index(base)" => OperandSyntax.IndexBase,
        "rq" => OperandSyntax.QuadRegister,
        "fq" => OperandSyntax.QuadFpr,
        "quadoffset(base)" => OperandSyntax.QuadOffsetBase,
        "offset8(base)" => OperandSyntax.Offset8Base,
        "offset8x(base,index)" => OperandSyntax.Offset8BaseIndex,
        "wd" => OperandSyntax.MsaWd,
        "wd[n]" => OperandSyntax.MsaWdElement,
        "ws[n]" => OperandSyntax.MsaWsElement,
        "msa_rs" => OperandSyntax.MsaRs,
        "msa_rd" => OperandSyntax.MsaRd,
        "msa_cs" => OperandSyntax.MsaControlSource,
        "msa_cd" => OperandSyntax.MsaControlDestination,
        "msaoffset(msa_rs)" => OperandSyntax.MsaOffsetBase,
        "word" => OperandSyntax.Word,
        _ => throw new InvalidOperationException($"Unknown operand syntax '{token}' in the opcode table."),
    };
}
