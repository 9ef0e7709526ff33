using ELFSharp.ELF;
using ELFSharp.ELF.Sections;

namespace LoongsonDbt.Runtime.Images;

/// <summary>Opens ELF files through ELFSharp, turning every way a bad file can fail into one exception type.</summary>
internal static class ElfFiles
{
    public static IELF Open(string path) => Open(File.ReadAllBytes(path), path);

    /// <param name="source">Names the input in error messages.</param>
    public static IELF Open(byte[] contents, string source)
    {
        try
        {
            if (ELFReader.TryLoad(new MemoryStream(contents, writable: false), shouldOwnStream: true, out var elf))
            {
                return elf;
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // ELFSharp reports damaged headers with whatever exception the failed read produced.
            throw new InvalidGuestImageException($"{source}: damaged ELF file ({exception.Message})", exception);
        }

        throw new InvalidGuestImageException($"{source}: not an ELF file");
    }

    /// <summary>Where a section's bytes start in the file.</summary>
    public static ulong FileOffset(ISection section) => section switch
    {
        Section<ulong> wide => wide.Offset,
        Section<uint> narrow => narrow.Offset,
        _ => throw new InvalidGuestImageException($"unexpected ELF section type {section.GetType().Name}"),
    };
}
