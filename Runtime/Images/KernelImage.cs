namespace LoongsonDbt.Runtime.Images;

/// <summary>
/// A Linux kernel ready to load: the raw image bytes, where they go, and the kernel's own symbols.
/// Opens either the Debian vmlinuz wrapper or an already decompressed vmlinux.bin.
/// </summary>
public sealed class KernelImage
{
    private static ReadOnlySpan<byte> ElfMagic => [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    private KernelImage(byte[] bytes, Kallsyms kallsyms)
    {
        Bytes = bytes;
        Kallsyms = kallsyms;
    }

    /// <summary>The raw image; byte 0 belongs at <see cref="LoadAddress"/>.</summary>
    public byte[] Bytes { get; }

    public Kallsyms Kallsyms { get; }

    public ulong LoadAddress => Kallsyms.LoadAddress;

    public SymbolTable Symbols => Kallsyms.Symbols;

    public static KernelImage Open(string path) => Open(File.ReadAllBytes(path), path);

    /// <param name="source">Names the input in error messages.</param>
    public static KernelImage Open(byte[] contents, string source)
    {
        // A raw image starts with MIPS code, never with the ELF magic, so the magic tells the two apart.
        var raw = contents.AsSpan().StartsWith(ElfMagic) ? CompressedKernel.Load(contents, source).Image : contents;
        try
        {
            return new KernelImage(raw, Kallsyms.Find(raw));
        }
        catch (InvalidGuestImageException exception)
        {
            throw new InvalidGuestImageException($"{source}: {exception.Message}", exception);
        }
    }
}
