using LoongsonDbt.Tests.Support;

namespace LoongsonDbt.Tests.UserMode;

/// <summary>Assembles and links a libc-free mips64el program (GNU as for the Loongson-3A1000 with LEXT, ld -static).</summary>
public static class GuestAssembler
{
    public const string Package = "binutils-mips64el-linux-gnuabi64";
    private const string Assembler = "mips64el-linux-gnuabi64-as";
    private const string Linker = "mips64el-linux-gnuabi64-ld";

    /// <summary>Writes <paramref name="source"/> to <paramref name="elf"/>.S and builds <paramref name="elf"/> from it.</summary>
    public static void Build(string source, string elf)
    {
        HostPackages.Ensure(Package, Assembler);
        File.WriteAllText(elf + ".S", source);
        Run(Assembler, "-march=gs464", "-mloongson-ext", "-mabi=64", "-o", elf + ".o", elf + ".S");
        Run(Linker, "-static", "-o", elf, elf + ".o");
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
