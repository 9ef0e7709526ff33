using System.Globalization;
using LoongsonDbt.Tests.Support;

namespace LoongsonDbt.Tests.Boards;

/// <summary>
/// Runs a short boot-ROM routine as GNU objdump reads it: the instructions and operands come from
/// objdump's listing, not from our encoder or decoder, so what the routine does is checked through an
/// independent reading of its words. Knows only the few instructions such routines use; anything else
/// fails the test.
/// </summary>
internal sealed class ObjdumpListingMachine(Dictionary<ulong, ObjdumpOracle.Line> listing, Func<ulong, ulong> load64)
{
    private const int StepLimit = 1000;

    private readonly Dictionary<string, ulong> _registers = new() { ["zero"] = 0 };

    /// <summary>CP0 registers by objdump's operand text ("$12", "$15,1").</summary>
    public Dictionary<string, ulong> Cp0 { get; } = [];

    public List<(ulong Address, byte Value)> ByteStores { get; } = [];

    public List<ulong> Loads { get; } = [];

    public ulong Register(string name) => _registers.GetValueOrDefault(name);

    /// <summary>Runs from <paramref name="pc"/> until a branch to itself (returns its address) or a jr (returns the target).</summary>
    public (ulong Pc, bool Halted) Run(ulong pc)
    {
        for (int step = 0; step < StepLimit; step++)
        {
            (string mnemonic, string[] operands) = Fetch(pc);
            ulong? target = mnemonic switch
            {
                "b" => Address(operands[0]),
                "beqz" => Register(operands[0]) == 0 ? Address(operands[1]) : pc + 8,
                "jr" => Register(operands[0]),
                _ => null,
            };
            if (target is null)
            {
                Execute(mnemonic, operands);
                pc += 4;
                continue;
            }

            if (target == pc)
            {
                return (pc, true);
            }

            (string slotMnemonic, string[] slotOperands) = Fetch(pc + 4);
            Execute(slotMnemonic, slotOperands);
            if (mnemonic == "jr")
            {
                return (target.Value, false);
            }

            pc = target.Value;
        }

        throw new InvalidOperationException($"no halt or jump within {StepLimit} instructions");
    }

    private (string Mnemonic, string[] Operands) Fetch(ulong pc)
    {
        if (!listing.TryGetValue(pc, out ObjdumpOracle.Line line))
        {
            throw new InvalidOperationException($"objdump lists nothing at 0x{pc:x}");
        }

        string[] parts = line.Text.Split('\t', 2);
        // CP0 operands carry their select after a comma ("$15,1"): keep it with the register.
        string[] operands = parts.Length > 1 ? parts[1].Split(',') : [];
        if (parts[0] is "mfc0" or "mtc0" && operands.Length == 3)
        {
            operands = [operands[0], operands[1] + "," + operands[2]];
        }

        return (parts[0], operands);
    }

    private void Execute(string mnemonic, string[] operands)
    {
        switch (mnemonic)
        {
            case "nop":
                break;
            case "li":
                Set(operands[0], Immediate(operands[1]));
                break;
            case "lui":
                Set(operands[0], (ulong)(long)(int)(Immediate(operands[1]) << 16));
                break;
            case "ori":
                Set(operands[0], Register(operands[1]) | Immediate(operands[2]));
                break;
            case "andi":
                Set(operands[0], Register(operands[1]) & Immediate(operands[2]));
                break;
            case "or":
                Set(operands[0], Register(operands[1]) | Register(operands[2]));
                break;
            case "move":
                Set(operands[0], Register(operands[1]));
                break;
            case "dsll":
                Set(operands[0], Register(operands[1]) << (int)Immediate(operands[2]));
                break;
            case "dsll32":
                Set(operands[0], Register(operands[1]) << (int)(Immediate(operands[2]) + 32));
                break;
            case "mfc0":
                Set(operands[0], Cp0.GetValueOrDefault(operands[1]));
                break;
            case "mtc0":
                Cp0[operands[1]] = Register(operands[0]);
                break;
            case "ld":
                ulong address = EffectiveAddress(operands[1]);
                Loads.Add(address);
                Set(operands[0], load64(address));
                break;
            case "sb":
                ByteStores.Add((EffectiveAddress(operands[1]), (byte)Register(operands[0])));
                break;
            default:
                throw new InvalidOperationException($"the test machine does not know '{mnemonic}'");
        }
    }

    private void Set(string register, ulong value)
    {
        if (register != "zero")
        {
            _registers[register] = value;
        }
    }

    /// <summary>"32(t1)": the offset plus the base register.</summary>
    private ulong EffectiveAddress(string operand)
    {
        int open = operand.IndexOf('(');
        long offset = long.Parse(operand[..open], CultureInfo.InvariantCulture);
        return Register(operand[(open + 1)..^1]) + (ulong)offset;
    }

    private static ulong Immediate(string text) => text.StartsWith("0x", StringComparison.Ordinal)
        ? ulong.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
        : ulong.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>A branch target as objdump prints it: "0xffffffffbfc0004c" or "ffffffffbfc0004c &lt;...&gt;".</summary>
    private static ulong Address(string text) =>
        ulong.Parse(text.Split(' ')[0].Replace("0x", "", StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
