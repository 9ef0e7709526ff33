using ELFSharp;
using ELFSharp.ELF;
using LoongsonDbt.Runtime.Images;

namespace LoongsonDbt.Cli.Commands;

/// <summary>Guest code to list: where its bytes live, which ranges are code by default, and its symbols.</summary>
internal sealed class CodeImage
{
    private readonly List<(ulong Address, byte[] Bytes)> _segments;

    private static ReadOnlySpan<byte> ElfMagic => [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    private CodeImage(List<(ulong Address, byte[] Bytes)> segments, List<(ulong Start, ulong End)> codeRanges, SymbolTable symbols)
    {
        _segments = segments;
        CodeRanges = codeRanges;
        Symbols = symbols;
    }

    /// <summary>What "the whole program" means: executable sections, or the kernel's text and init text.</summary>
    public List<(ulong Start, ulong End)> CodeRanges { get; }

    public SymbolTable Symbols { get; }

    /// <summary>
    /// Opens a MIPS ELF program, Debian's vmlinuz wrapper, a raw kernel image (found by its kallsyms),
    /// or any raw image when <paramref name="loadAddress"/> is given.
    /// </summary>
    public static CodeImage Open(string path, ulong? loadAddress)
    {
        byte[] contents = File.ReadAllBytes(path);
        if (loadAddress is { } address)
        {
            return new CodeImage([(address, contents)], [(address, address + (ulong)contents.Length)], SymbolTable.Empty);
        }

        bool isElf = contents.AsSpan().StartsWith(ElfMagic);
        if (isElf && !IsKernelWrapper(contents))
        {
            return OpenElfProgram(contents, path);
        }

        try
        {
            return FromKernel(KernelImage.Open(contents, path));
        }
        catch (InvalidGuestImageException exception) when (!isElf)
        {
            throw new InvalidGuestImageException(
                $"{exception.Message}; for a raw image that is not a Linux kernel, give --load-address", exception);
        }
    }

    public static CodeImage FromKernel(KernelImage kernel)
    {
        Kallsyms k = kernel.Kallsyms;
        return new CodeImage([(kernel.LoadAddress, kernel.Bytes)],
            [(k.TextStart, k.TextEnd), (k.InitTextStart, k.InitTextEnd)], kernel.Symbols);
    }

    /// <summary>The bytes of [<paramref name="start"/>, <paramref name="end"/>), which must lie in one segment.</summary>
    public ReadOnlySpan<byte> Read(ulong start, ulong end)
    {
        foreach ((ulong address, byte[] bytes) in _segments)
        {
            if (start >= address && end >= start && end <= address + (ulong)bytes.Length)
            {
                return bytes.AsSpan((int)(start - address), (int)(end - start));
            }
        }

        throw new ArgumentOutOfRangeException(nameof(start), $"0x{start:x}-0x{end:x} is not inside the image");
    }

    /// <summary>The range of a symbol: up to the next symbol at a higher address, or the end of its code range.</summary>
    public (ulong Start, ulong End) SymbolRange(string name)
    {
        if (!Symbols.TryGetSymbol(name, out GuestSymbol symbol))
        {
            throw new KeyNotFoundException($"no symbol named '{name}'");
        }

        ulong end = Symbols.Symbols.Select(s => s.Address).Where(a => a > symbol.Address).DefaultIfEmpty(ulong.MaxValue).Min();
        foreach ((ulong start, ulong rangeEnd) in CodeRanges)
        {
            if (symbol.Address >= start && symbol.Address < rangeEnd)
            {
                end = Math.Min(end, rangeEnd);
            }
        }

        return (symbol.Address, end == ulong.MaxValue ? symbol.Address + 4 : end);
    }

    private static bool IsKernelWrapper(byte[] contents)
    {
        try
        {
            CompressedKernel.Load(contents, "");
            return true;
        }
        catch (InvalidGuestImageException)
        {
            return false;
        }
    }

    private static CodeImage OpenElfProgram(byte[] contents, string path)
    {
        if (!ELFReader.TryLoad(new MemoryStream(contents, writable: false), shouldOwnStream: true, out IELF? elf))
        {
            throw new InvalidGuestImageException($"{path}: damaged ELF file");
        }

        using (elf)
        {
            if (elf.Machine != Machine.MIPS || elf.Class != Class.Bit64 || elf.Endianess != Endianess.LittleEndian)
            {
                throw new InvalidGuestImageException($"{path}: not a little-endian 64-bit MIPS ELF ({elf.Machine}, {elf.Class}, {elf.Endianess})");
            }

            IReadOnlyList<ExecutableSection> sections = ExecutableSection.Read(elf);
            return new CodeImage(
                [.. sections.Select(s => (s.Address, s.Code))],
                [.. sections.Select(s => (s.Address, s.Address + (ulong)s.Code.Length))],
                SymbolTable.FromElf(elf));
        }
    }
}
