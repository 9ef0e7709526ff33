using LoongsonDbt.Tests.Support;

namespace LoongsonDbt.Tests.UserMode.Unit;

/// <summary>Assembles and statically links a small mips64el n64 program with the cross binutils.</summary>
public static class TinyProgram
{
    public const string Source = """
            .text
            .globl __start
        __start:
            li $v0, 5205
            li $a0, 42
            syscall
            .data
        message:
            .ascii "hello, data"
            .bss
            .space 9000
        """;

    private const string ToolPrefix = "mips64el-linux-gnuabi64-";

    /// <summary>Returns the linked executable's path in a fresh temporary directory.</summary>
    public static string Build(string source = Source, bool pie = false)
    {
        HostPackages.Ensure("binutils-mips64el-linux-gnuabi64", ToolPrefix + "as");
        string directory = Directory.CreateTempSubdirectory("loongson-usermode-").FullName;
        string assembly = Path.Combine(directory, "program.s");
        string obj = Path.Combine(directory, "program.o");
        string exe = Path.Combine(directory, "program");
        File.WriteAllText(assembly, source);
        Run(ToolPrefix + "as", "-mabi=64", "-march=mips64r2", "-o", obj, assembly);
        Run(ToolPrefix + "ld", pie ? ["-pie", "--no-dynamic-linker", "-o", exe, obj] : ["-static", "-o", exe, obj]);
        return exe;
    }

    private static void Run(string tool, params string[] arguments)
    {
        var result = HostProcess.Run(tool, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(HostProcess.Describe(tool, arguments, result));
        }
    }
}
