using ELFSharp.ELF;
using SharpCompress.Compressors.Xz;

namespace LoongsonDbt.Runtime.Images;

/// <summary>
/// A MIPS self-decompressing kernel (Debian's boot/vmlinuz-*): a small ELF whose .data holds the real
/// image as one XZ stream (arch/mips/boot/compressed). <see cref="Load"/> finds and decodes that stream.
/// </summary>
public sealed class CompressedKernel
{
    private const string PayloadSection = ".data";

    // The wrapper's own string table also holds this magic (ISA.md §1.1), so only .data is searched and
    // each hit is accepted only if it decodes.
    private static ReadOnlySpan<byte> XzMagic => [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00];

    // Kernel text compresses about 3.6:1; starting near the final size avoids regrowing a large buffer.
    private const int ExpectedCompressionRatio = 4;

    private CompressedKernel(long payloadFileOffset, byte[] image)
    {
        PayloadFileOffset = payloadFileOffset;
        Image = image;
    }

    /// <summary>File offset of the XZ stream inside the wrapper.</summary>
    public long PayloadFileOffset { get; }

    /// <summary>The decompressed raw kernel image (vmlinux.bin), loaded at the kernel's _text.</summary>
    public byte[] Image { get; }

    public static CompressedKernel Load(string path) => Load(File.ReadAllBytes(path), path);

    /// <param name="source">Names the input in error messages.</param>
    public static CompressedKernel Load(byte[] wrapper, string source)
    {
        using var elf = ElfFiles.Open(wrapper, source);
        if (elf.Machine != Machine.MIPS || elf.Endianess != ELFSharp.Endianess.LittleEndian)
        {
            throw new InvalidGuestImageException(
                $"{source}: not a little-endian MIPS kernel (ELF machine {elf.Machine}, {elf.Endianess})");
        }

        if (!elf.TryGetSection(PayloadSection, out var data))
        {
            throw new InvalidGuestImageException($"{source}: no {PayloadSection} section, so no compressed kernel");
        }

        var dataOffset = checked((int)ElfFiles.FileOffset(data));
        var contents = data.GetContents();
        Exception? lastFailure = null;
        for (var start = contents.AsSpan().IndexOf(XzMagic); start >= 0; start = NextMagic(contents, start))
        {
            try
            {
                return new CompressedKernel(dataOffset + start, DecompressSingleStream(contents, start));
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // SharpCompress signals corrupt or truncated input with assorted exception types.
                lastFailure = exception;
            }
        }

        throw lastFailure is null
            ? new InvalidGuestImageException($"{source}: no XZ stream in {PayloadSection}")
            : new InvalidGuestImageException(
                $"{source}: the XZ stream in {PayloadSection} does not decode ({lastFailure.Message})", lastFailure);
    }

    private static int NextMagic(byte[] contents, int previous)
    {
        var next = contents.AsSpan(previous + 1).IndexOf(XzMagic);
        return next < 0 ? -1 : previous + 1 + next;
    }

    // Decodes exactly one stream, as the kernel's decompressor does; the wrapper appends the image size
    // and padding after it, which must not be read as a second stream.
    private static byte[] DecompressSingleStream(byte[] contents, int start)
    {
        var compressedLength = contents.Length - start;
        using var input = new MemoryStream(contents, start, compressedLength, writable: false);
        using var xz = new XZStream(input);
        using var output = new MemoryStream(checked(compressedLength * ExpectedCompressionRatio));
        // XZStream reads and checks the index and footer itself; a stream cut anywhere throws.
        xz.CopyTo(output);
        return output.ToArray();
    }
}
