using System.Diagnostics;
using System.Globalization;

namespace LoongsonDbt.Tests.Support;

/// <summary>
/// GNU objdump for mips64el, the independent oracle for the decoder and the disassembler.
/// Raw words are disassembled as a Loongson-3A1000 (gs464) with the VZ and MSA ASEs and n64
/// register names, every word shown (-z), one line per word.
/// </summary>
public static class ObjdumpOracle
{
    public const string Package = "binutils-mips64el-linux-gnuabi64";
    public const string Command = "mips64el-linux-gnuabi64-objdump";

    /// <summary>The options the decoder agrees with (ISA.md 1.1: binutils 2.40 knows Loongson-3A1000 as gs464).</summary>
    public static readonly string[] Options = ["-m", "mips:gs464", "-M", "virt,msa,gpr-names=64"];

    /// <summary>Disassembles little-endian <paramref name="code"/> loaded at <paramref name="address"/>.</summary>
    public static Dictionary<ulong, Line> Disassemble(ReadOnlySpan<byte> code, ulong address,
        ulong? start = null, ulong? stop = null)
    {
        HostPackages.Ensure(Package, Command);
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, code.ToArray());
            var arguments = new List<string> { "-D", "-z", "-b", "binary", "-EL" };
            arguments.AddRange(Options);
            arguments.Add($"--adjust-vma=0x{address:x}");
            if (start is not null)
            {
                arguments.Add($"--start-address=0x{start:x}");
            }

            if (stop is not null)
            {
                arguments.Add($"--stop-address=0x{stop:x}");
            }

            arguments.Add(file);
            return Parse(Run(Command, arguments));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Disassembles the executable sections of an ELF file as objdump -d does.</summary>
    public static Dictionary<ulong, Line> DisassembleElf(string path)
    {
        HostPackages.Ensure(Package, Command);
        var arguments = new List<string> { "-d", "-z" };
        arguments.AddRange(Options);
        arguments.Add(path);
        return Parse(Run(Command, arguments));
    }

    /// <summary>The comparison the oracle tests make: equal up to runs of spaces and tabs.</summary>
    public static string NormalizeWhitespace(string text) =>
        string.Join(' ', text.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>One line of objdump's listing: the word and the text after it (mnemonic, tab, operands).</summary>
    public readonly record struct Line(uint Word, string Text);

    private static Dictionary<ulong, Line> Parse(IEnumerable<string> output)
    {
        var lines = new Dictionary<ulong, Line>();
        foreach (string line in output)
        {
            // "ffffffff80200000:\t67bdffe0 \tdaddiu\tsp,sp,-32"
            string[] parts = line.Split('\t', 3);
            if (parts.Length < 3 || !parts[0].EndsWith(':'))
            {
                continue;
            }

            ulong address = ulong.Parse(parts[0].AsSpan().Trim().TrimEnd(':'), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            uint word = uint.Parse(parts[1].AsSpan().Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            lines[address] = new Line(word, parts[2].TrimEnd());
        }

        return lines;
    }

    private static List<string> Run(string command, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {command}.");
        Task<string> error = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} failed ({process.ExitCode}): {error.Result}");
        }

        return lines;
    }
}
