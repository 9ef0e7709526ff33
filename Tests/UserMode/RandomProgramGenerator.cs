using System.Globalization;
using System.Text;

namespace LoongsonDbt.Tests.UserMode;

/// <summary>
/// Random MIPS64 programs (GNU as, <c>.set noreorder</c>) for differential testing. A program is <c>sequences</c>
/// blocks; each sets the pool registers and HI/LO from seeded constants, runs ~<c>length</c> random ALU, shift,
/// multiply/divide (including Loongson LEXT), conditional-move, bit-field, forward-branch and load/store
/// instructions, then writes the pool registers and HI/LO (raw 8-byte little-endian) to stdout. Every other
/// sequence has no branches and runs three times as a loop: only a loop's compiled code keeps guest registers in
/// locals, and 32-bit results in word locals.
/// At the end the 4 KiB data buffer is written too, and the program calls exit_group(0).
/// <para>
/// Registers: the pool is $2, $3 and $8..$25. $4..$6 carry the write syscall's arguments, $7 counts the loops
/// (and gets the syscall's error flag), $30 holds the data buffer's address, $1 is left to the assembler's macros,
/// and $26..$29, $31 (whose start values depend on the runner) are never read. 32-bit operations do get 64-bit values that are not sign-extended words: their
/// result is then QEMU's (the low 32 bits are used), as on Loongson hardware.
/// </para>
/// </summary>
public sealed class RandomProgramGenerator
{
    /// <summary>The registers random instructions read and write.</summary>
    public static readonly int[] Pool = [2, 3, .. Enumerable.Range(8, 18)];

    public const int DataSize = 4096;
    private const int BaseRegister = 30;
    private const int LoopCounter = 7;

    private static readonly string[] s_alu3 = ["addu", "daddu", "subu", "dsubu", "and", "or", "xor", "nor", "slt", "sltu"];
    private static readonly string[] s_shiftVariable = ["sllv", "srlv", "srav", "dsllv", "dsrlv", "dsrav", "rotrv", "drotrv"];
    private static readonly string[] s_shiftImmediate = ["sll", "srl", "sra", "dsll", "dsrl", "dsra", "dsll32", "dsrl32", "dsra32", "rotr"];
    private static readonly string[] s_hiLoProducers = ["mult", "multu", "dmult", "dmultu", "madd", "maddu", "msub", "msubu"];
    private static readonly string[] s_dividers = ["div", "divu", "ddiv", "ddivu"];
    private static readonly string[] s_loongsonMultiply = ["gsmult", "gsmultu", "gsdmult", "gsdmultu"];
    private static readonly string[] s_loongsonDivide = ["gsdiv", "gsdivu", "gsddiv", "gsddivu", "gsmod", "gsmodu", "gsdmod", "gsdmodu"];
    private static readonly string[] s_unary = ["wsbh", "dsbh", "dshd", "seb", "seh", "clz", "dclz"];
    private static readonly string[] s_branch2 = ["beq", "bne"];
    private static readonly string[] s_branch1 = ["blez", "bgtz", "bltz", "bgez"];
    private static readonly (string Op, int Size)[] s_alignedMemory =
        [("lb", 1), ("lbu", 1), ("lh", 2), ("lhu", 2), ("lw", 4), ("lwu", 4), ("ld", 8), ("sb", 1), ("sh", 2), ("sw", 4), ("sd", 8)];
    private static readonly string[] s_unalignedMemory = ["lwl", "lwr", "ldl", "ldr", "swl", "swr", "sdl", "sdr"];

    /// <summary>Operations whose register inputs must be sign-extended words (MIPS64 NotWordValue checks).</summary>
    private static readonly HashSet<string> s_wordOperations =
    [
        "addu", "subu", "sllv", "srlv", "srav", "rotrv", "srl", "sra", "rotr", "mult", "multu", "madd", "maddu",
        "msub", "msubu", "div", "divu", "mul", "ins", "wsbh", "clz", "addiu",
    ];

    private readonly Random _random;
    private readonly StringBuilder _text = new();
    private int _labels;

    private RandomProgramGenerator(int seed) => _random = new Random(seed);

    /// <summary>The bytes one sequence writes: the pool registers, then HI and LO.</summary>
    public static int DumpSize => (Pool.Length + 2) * 8;

    /// <summary>The assembly source for <paramref name="seed"/>; the same seed always gives the same text.</summary>
    public static string Generate(int seed, int sequences = 25, int length = 40) =>
        new RandomProgramGenerator(seed).Program(seed, sequences, length);

    private string Program(int seed, int sequences, int length)
    {
        Line($"# random differential program, seed {seed}: {sequences} sequences of ~{length} instructions");
        Line("\t.set noreorder");
        Line("\t.set noat");
        Line("\t.text");
        Line("\t.globl __start");
        Line("__start:");
        Line($"\tdla ${BaseRegister}, data");
        for (int sequence = 0; sequence < sequences; sequence++)
        {
            Sequence(sequence, length);
        }

        Write("data", DataSize);
        Line("\tli $4, 0");
        Line("\tli $2, 5205"); // exit_group
        Line("\tsyscall");
        Line("\tnop");

        Line("\t.data");
        Line("\t.align 3");
        Line("data:");
        for (int i = 0; i < DataSize / 8; i++)
        {
            Line($"\t.dword 0x{NextUInt64():x16}");
        }

        Line("dump:");
        Line($"\t.space {DumpSize}");
        return _text.ToString();
    }

    private void Sequence(int sequence, int length)
    {
        Line($"# sequence {sequence}");
        foreach (int register in Pool)
        {
            Line($"\tdli ${register}, 0x{InitialValue():x16}");
        }

        Line($"\tmthi ${Reg()}");
        Line($"\tmtlo ${Reg()}");
        bool loop = sequence % 2 == 1;
        if (loop)
        {
            Line($"\tli ${LoopCounter}, 3");
            Line($".Lloop{sequence}:");
        }

        for (int emitted = 0; emitted < length;)
        {
            emitted += _random.Next(100) switch
            {
                < 8 when !loop => Branch(),
                < 22 => Memory(),
                _ => Compute(),
            };
        }

        if (loop)
        {
            Line($"\taddiu ${LoopCounter}, ${LoopCounter}, -1");
            Line($"\tbnez ${LoopCounter}, .Lloop{sequence}");
            Line("\tnop");
        }

        Line("\tdla $4, dump");
        for (int i = 0; i < Pool.Length; i++)
        {
            Line($"\tsd ${Pool[i]}, {8 * i}($4)");
        }

        Line("\tmfhi $2");
        Line($"\tsd $2, {8 * Pool.Length}($4)");
        Line("\tmflo $2");
        Line($"\tsd $2, {8 * Pool.Length + 8}($4)");
        Write("dump", DumpSize);
    }

    /// <summary>write(1, label, size): v0 = 5001, a0..a2 = fd, buffer, length.</summary>
    private void Write(string label, int size)
    {
        Line("\tli $2, 5001");
        Line("\tli $4, 1");
        Line($"\tdla $5, {label}");
        Line($"\tli $6, {size}");
        Line("\tsyscall");
        Line("\tnop");
    }

    /// <summary>One computational instruction (or a short idiom); returns how many instructions it emitted.</summary>
    private int Compute()
    {
        switch (_random.Next(13))
        {
            case 0:
            case 1:
                {
                    string op = Pick(s_alu3);
                    Line($"\t{op} ${Reg()}, ${SourceFor(op)}, ${SourceFor(op)}");
                    return 1;
                }
            case 2:
                Immediate();
                return 1;
            case 3:
                {
                    string op = Pick(s_shiftImmediate);
                    Line($"\t{op} ${Reg()}, ${SourceFor(op)}, {_random.Next(32)}");
                    return 1;
                }
            case 4:
                if (_random.Next(3) == 0)
                {
                    Line($"\tdrotr ${Reg()}, ${Source()}, {_random.Next(64)}");
                }
                else
                {
                    string op = Pick(s_shiftVariable);
                    Line($"\t{op} ${Reg()}, ${SourceFor(op)}, ${Source()}");
                }

                return 1;
            case 5:
                {
                    string op = Pick(s_hiLoProducers);
                    if (op.StartsWith("madd") || op.StartsWith("msub"))
                    {
                        // madd/msub accumulate into HI/LO, which must hold words too.
                        Line($"\tmthi ${WordSource()}");
                        Line($"\tmtlo ${WordSource()}");
                    }

                    Line($"\t{op} ${SourceFor(op)}, ${SourceFor(op)}");
                }

                Line($"\t{(_random.Next(2) == 0 ? "mfhi" : "mflo")} ${Reg()}");
                return 2;
            case 6:
                {
                    // The divisor is made nonzero first (ori with an odd immediate).
                    int divisor = Reg();
                    Line($"\tori ${divisor}, ${divisor}, {_random.Next(0x8000) * 2 + 1}");
                    string op = Pick(s_dividers);
                    if (op is "div" or "divu")
                    {
                        Line($"\tsll ${divisor}, ${divisor}, 0");
                    }

                    Line($"\t{op} $0, ${SourceFor(op)}, ${divisor}");
                    Line($"\tmflo ${Reg()}");
                    Line($"\tmfhi ${Reg()}");
                    return 4;
                }
            case 7:
                Line(_random.Next(2) == 0
                    ? $"\tmul ${Reg()}, ${WordSource()}, ${WordSource()}"
                    : $"\t{Pick(s_loongsonMultiply)} ${Reg()}, ${Source()}, ${Source()}");
                return 1;
            case 8:
                {
                    int divisor = Reg();
                    Line($"\tori ${divisor}, ${divisor}, {_random.Next(0x8000) * 2 + 1}");
                    string divide = Pick(s_loongsonDivide);
                    if (divide != "gsmod")
                    {
                        Line($"\t{divide} ${Reg()}, ${Source()}, ${divisor}");
                        return 2;
                    }

                    // QEMU 7.2 zero-extends gsmod's operands (an unsigned remainder); the hardware's is signed.
                    // Both agree on non-negative 32-bit operands, so only those are compared.
                    int dividend = Reg();
                    Line($"\tdext ${dividend}, ${dividend}, 0, 31");
                    Line($"\tdext ${divisor}, ${divisor}, 0, 31");
                    Line($"\tgsmod ${Reg()}, ${dividend}, ${divisor}");
                    return 4;
                }
            case 9:
                Line($"\t{(_random.Next(2) == 0 ? "movz" : "movn")} ${Reg()}, ${Source()}, ${Source()}");
                return 1;
            case 10:
                BitField();
                return 1;
            case 11:
                {
                    string op = Pick(s_unary);
                    Line($"\t{op} ${Reg()}, ${SourceFor(op)}");
                    return 1;
                }
            default:
                Line($"\t{(_random.Next(2) == 0 ? "mthi" : "mtlo")} ${Source()}");
                return 1;
        }
    }

    private void Immediate()
    {
        string op = Pick(["addiu", "daddiu", "slti", "sltiu", "andi", "ori", "xori", "lui"]);
        int value = op is "andi" or "ori" or "xori" or "lui" ? _random.Next(0x10000) : _random.Next(-0x8000, 0x8000);
        Line(op == "lui" ? $"\tlui ${Reg()}, {value}" : $"\t{op} ${Reg()}, ${SourceFor(op)}, {value}");
    }

    private void BitField()
    {
        string op = Pick(["ext", "ins", "dext", "dins"]);
        int width = op.StartsWith('d') ? 64 : 32;
        int position = _random.Next(width);
        int size = _random.Next(1, width - position + 1);
        if (op == "ins")
        {
            // INS also reads its destination: it must hold a word as well.
            int destination = Reg();
            Line($"\tsll ${destination}, ${destination}, 0");
            Line($"\tins ${destination}, ${WordSource()}, {position}, {size}");
            return;
        }

        Line($"\t{op} ${Reg()}, ${Source()}, {position}, {size}");
    }

    /// <summary>A forward branch with an ALU op in its delay slot, skipping 1..3 ALU ops.</summary>
    private int Branch()
    {
        string label = $".Lskip{_labels++}";
        Line(_random.Next(2) == 0
            ? $"\t{Pick(s_branch2)} ${Source()}, ${Source()}, {label}"
            : $"\t{Pick(s_branch1)} ${Source()}, {label}");
        // The delay slot gets a 64-bit operation: a word fix-up (sll) would push the ALU op out of the slot.
        string slot = Pick(s_alu3.Except(s_wordOperations).ToArray());
        Line($"\t{slot} ${Reg()}, ${Source()}, ${Source()}");
        int skipped = _random.Next(1, 4);
        for (int i = 0; i < skipped; i++)
        {
            if (_random.Next(2) == 0)
            {
                Immediate();
            }
            else
            {
                string op = Pick(s_alu3);
                Line($"\t{op} ${Reg()}, ${SourceFor(op)}, ${SourceFor(op)}");
            }
        }

        Line($"{label}:");
        return 2 + skipped;
    }

    /// <summary>Loads and stores in the data buffer: naturally aligned for the plain forms, any offset for lwl..sdr.</summary>
    private int Memory()
    {
        int kind = _random.Next(3);
        if (kind == 0)
        {
            (string op, int size) = s_alignedMemory[_random.Next(s_alignedMemory.Length)];
            Line($"\t{op} ${Reg()}, {_random.Next(DataSize / size) * size}(${BaseRegister})");
            return 1;
        }

        if (kind == 1)
        {
            Line($"\t{Pick(s_unalignedMemory)} ${Reg()}, {_random.Next(DataSize)}(${BaseRegister})");
            return 1;
        }

        // The unaligned-access idiom compilers emit: the left part at offset + size - 1, the right part at offset.
        bool doubleword = _random.Next(2) == 0;
        int width = doubleword ? 8 : 4;
        int offset = _random.Next(DataSize - width + 1);
        string prefix = _random.Next(2) == 0 ? "l" : "s";
        string letter = doubleword ? "d" : "w";
        int register = Reg();
        Line($"\t{prefix}{letter}l ${register}, {offset + width - 1}(${BaseRegister})");
        Line($"\t{prefix}{letter}r ${register}, {offset}(${BaseRegister})");
        return 2;
    }

    /// <summary>Start values: a mix of small, edge, sign-extended 32-bit and full 64-bit constants.</summary>
    private ulong InitialValue() => _random.Next(8) switch
    {
        0 => (ulong)_random.Next(-16, 17),
        1 => Pick([0x7fffffffUL, 0xffffffff80000000UL, 0x8000000000000000UL, 0x7fffffffffffffffUL, 0xffffffffUL, 0x100000000UL]),
        2 or 3 => (ulong)(long)(int)NextUInt64(),
        _ => NextUInt64(),
    };

    private int Reg() => Pool[_random.Next(Pool.Length)];

    /// <summary>A source operand: usually a pool register, sometimes $0.</summary>
    private int Source() => _random.Next(16) == 0 ? 0 : Reg();

    /// <summary>
    /// A source for a 32-bit operation: the manual leaves addu, sra, mult, ins, clz... UNPREDICTABLE on
    /// a register that is not a sign-extended word (and QEMU then differs from the hardware), so the
    /// register is made one first with <c>sll r, r, 0</c>.
    /// </summary>
    private int WordSource()
    {
        int register = Source();
        if (register != 0)
        {
            Line($"\tsll ${register}, ${register}, 0");
        }

        return register;
    }

    private int SourceFor(string op) => s_wordOperations.Contains(op) ? WordSource() : Source();

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private ulong NextUInt64() => (ulong)_random.NextInt64() ^ ((ulong)_random.Next(2) << 63);

    private void Line(string line) => _text.Append(line).Append('\n');
}
