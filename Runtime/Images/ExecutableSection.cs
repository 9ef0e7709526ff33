using ELFSharp.ELF;
using ELFSharp.ELF.Sections;

namespace LoongsonDbt.Runtime.Images;

/// <summary>The bytes of one executable section of an ELF program and the address they load at.</summary>
public readonly record struct ExecutableSection(string Name, ulong Address, byte[] Code)
{
    /// <summary>The PROGBITS sections with the execute flag, in file order (.init, .text, .fini, ...).</summary>
    public static IReadOnlyList<ExecutableSection> Read(IELF elf) =>
        [.. elf.Sections.OfType<Section<ulong>>()
            .Where(s => s.Type == SectionType.ProgBits && (s.Flags & SectionFlags.Executable) != 0)
            .Select(s => new ExecutableSection(s.Name, s.LoadAddress, s.GetContents()))];

    /// <summary>Opens <paramref name="path"/> and reads its executable sections.</summary>
    public static IReadOnlyList<ExecutableSection> Read(string path)
    {
        using IELF elf = ElfFiles.Open(path);
        return Read(elf);
    }
}
