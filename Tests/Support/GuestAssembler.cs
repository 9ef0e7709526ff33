namespace LoongsonDbt.Tests.Support;

/// <summary>
/// GNU as and ld for mips64el (Loongson-3A1000 with the Loongson EXT instructions): raw code for
/// engine tests, or a libc-free static program for differential tests.
/// </summary>
public static class GuestAssembler
{
    private const string Prefix = "mips64el-linux-gnuabi64-";
    private static readonly string[] s_assemblerOptions = ["-march=gs464", "-mloongson-ext", "-mabi=64"];

    /// <summary>The .text of <paramref name="source"/> (assembled with noreorder, noat) as raw little-endian code.</summary>
    public static byte[] Assemble(string source) => Assemble(source, address: null);

    /// <summary>
    /// Like <see cref="Assemble(string)"/>, but linked to run at <paramref name="address"/>, so that absolute
    /// references to its labels (<c>j</c>, <c>jal</c>, <c>dla</c>) resolve.
    /// </summary>
    public static byte[] Assemble(string source, ulong? address)
    {
        string directory = Directory.CreateTempSubdirectory("loongson-dbt-as").FullName;
        try
        {
            string input = Path.Combine(directory, "code.s"), objectFile = Path.Combine(directory, "code.o"), raw = Path.Combine(directory, "code.bin");
            File.WriteAllText(input, ".set noreorder\n.set noat\n.text\n" + source + "\n");
            AssembleFile(input, objectFile);
            if (address is { } start)
            {
                string linked = Path.Combine(directory, "code.elf");
                Run(Prefix + "ld", "--no-warn-rwx-segments", "-e", "0", $"-Ttext=0x{start:x}", "-o", linked, objectFile);
                objectFile = linked;
            }

            Run(Prefix + "objcopy", "-O", "binary", "-j", ".text", objectFile, raw);
            return File.ReadAllBytes(raw);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Writes <paramref name="source"/> to <paramref name="elf"/>.S and links a static <paramref name="elf"/> from it.</summary>
    public static void Build(string source, string elf)
    {
        File.WriteAllText(elf + ".S", source);
        AssembleFile(elf + ".S", elf + ".o");
        Run(Prefix + "ld", "-static", "-o", elf, elf + ".o");
    }

    private static void AssembleFile(string input, string output)
    {
        HostPackages.Ensure(ObjdumpOracle.Package, Prefix + "as");
        Run(Prefix + "as", [.. s_assemblerOptions, "-o", output, input]);
    }

    private static void Run(string command, params string[] arguments)
    {
        HostProcessResult result = HostProcess.Run(command, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(HostProcess.Describe(command, arguments, result));
        }
    }
}
