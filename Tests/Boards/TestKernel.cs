using System.Globalization;
using LoongsonDbt.Tests.Support;

namespace LoongsonDbt.Tests.Boards;

/// <summary>
/// A tiny vmlinux-like ELF linked by GNU ld for mips64el: a text segment (four instructions) and a
/// data segment (16 bytes of <see cref="DataBytes"/> then <see cref="BssSize"/> bytes of BSS), each at
/// the KSEG0 address the test chooses, entry at the first instruction.
/// </summary>
internal static class TestKernel
{
    public const ulong TextSize = 16;
    public const ulong BssSize = 0x2000;
    public const string DataBytes = "0123456789abcdef";

    private const string Prefix = "mips64el-linux-gnuabi64-";

    private const string Source = """
        .set noreorder
        .text
        .globl kernel_entry
        kernel_entry:
            b kernel_entry
            nop
            nop
            nop
        .data
        .ascii "0123456789abcdef"
        .bss
        .space 0x2000
        """;

    /// <summary>Links the kernel into <paramref name="directory"/> and returns its path.</summary>
    public static string Build(string directory, ulong textAddress, ulong dataAddress)
    {
        HostPackages.Ensure(ObjdumpOracle.Package, Prefix + "ld");
        string source = Path.Combine(directory, "kernel.S"), objectFile = Path.Combine(directory, "kernel.o");
        string script = Path.Combine(directory, "kernel.ld"), elf = Path.Combine(directory, "vmlinux");
        File.WriteAllText(source, Source + "\n");
        File.WriteAllText(script, string.Create(CultureInfo.InvariantCulture, $$"""
            ENTRY(kernel_entry)
            PHDRS { text PT_LOAD; data PT_LOAD; }
            SECTIONS
            {
              . = 0x{{textAddress:x}};
              .text : { *(.text) } :text
              . = 0x{{dataAddress:x}};
              .data : { *(.data) } :data
              .bss : { *(.bss) } :data
              /DISCARD/ : { *(.MIPS.abiflags) *(.MIPS.options) *(.reginfo) *(.pdr) *(.gnu.attributes) }
            }
            """));
        Run(Prefix + "as", "-march=gs464", "-mabi=64", "-o", objectFile, source);
        Run(Prefix + "ld", "-T", script, "-o", elf, objectFile);
        return elf;
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
