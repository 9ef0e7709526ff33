namespace LoongsonDbt.Tests.Support;

/// <summary>Assembles MIPS source with GNU as (Loongson-3A1000, Loongson EXT) into raw little-endian code.</summary>
public static class GuestAssembler
{
    private const string Prefix = "mips64el-linux-gnuabi64-";

    public static byte[] Assemble(string source)
    {
        HostPackages.Ensure(ObjdumpOracle.Package, Prefix + "as");
        string directory = Directory.CreateTempSubdirectory("loongson-dbt-as").FullName;
        try
        {
            string input = Path.Combine(directory, "code.s"), objectFile = Path.Combine(directory, "code.o"), raw = Path.Combine(directory, "code.bin");
            File.WriteAllText(input, ".set noreorder\n.set noat\n.text\n" + source + "\n");
            Run(Prefix + "as", "-march=gs464", "-mloongson-ext", "-mabi=64", "-o", objectFile, input);
            Run(Prefix + "objcopy", "-O", "binary", "-j", ".text", objectFile, raw);
            return File.ReadAllBytes(raw);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
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
