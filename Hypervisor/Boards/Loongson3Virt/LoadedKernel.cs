using ELFSharp.ELF;
using ELFSharp.ELF.Segments;

namespace LoongsonDbt.Hypervisor.Boards.Loongson3Virt;

/// <summary>
/// A kernel ELF placed as the firmware places it (PLATFORM.md §3.1): each PT_LOAD segment at its
/// physical address with the KSEG bits stripped, the part beyond the file's bytes zero-filled. Works
/// the same for Debian's self-decompressing vmlinuz (which unpacks itself once running) and for a
/// plain vmlinux; the decompression is the guest's business.
/// </summary>
public sealed class LoadedKernel
{
    private LoadedKernel(IReadOnlyList<MemoryImage> segments, ulong entryPc, ulong high)
    {
        Segments = segments;
        EntryPc = entryPc;
        High = high;
    }

    /// <summary>The PT_LOAD segments, each as long as its memory size, at physical addresses.</summary>
    public IReadOnlyList<MemoryImage> Segments { get; }

    /// <summary>e_entry, the full 64-bit value (a KSEG0 address for these kernels).</summary>
    public ulong EntryPc { get; }

    /// <summary>The physical address after the kernel's highest byte, BSS included ("kernel_high"); the initrd goes above it.</summary>
    public ulong High { get; }

    /// <exception cref="BootConfigurationException">The file is missing, not a little-endian MIPS64 ELF, or has nothing to load.</exception>
    public static LoadedKernel Load(string path)
    {
        byte[] contents = BootFile.Read("kernel", path);
        IELF? file = null;
        try
        {
            if (!ELFReader.TryLoad(new MemoryStream(contents, writable: false), shouldOwnStream: true, out file))
            {
                throw new BootConfigurationException($"kernel {path}: not an ELF file (a MIPS64 vmlinuz or vmlinux is needed)");
            }
        }
        catch (Exception exception) when (exception is not (BootConfigurationException or OutOfMemoryException))
        {
            // ELFSharp reports damaged headers with whatever exception the failed read produced.
            throw new BootConfigurationException($"kernel {path}: damaged ELF file ({exception.Message})", exception);
        }

        using (file)
        {
            if (file is not ELF<ulong> elf || elf.Machine != Machine.MIPS || elf.Endianess != ELFSharp.Endianess.LittleEndian)
            {
                throw new BootConfigurationException(
                    $"kernel {path}: not a little-endian 64-bit MIPS ELF ({file.Machine}, {file.Class}, {file.Endianess})");
            }

            return Place(elf, path);
        }
    }

    private static LoadedKernel Place(ELF<ulong> elf, string path)
    {
        var segments = new List<MemoryImage>();
        foreach (Segment<ulong> segment in elf.Segments.OfType<Segment<ulong>>().Where(s => s.Type == SegmentType.Load && s.Size > 0))
        {
            ulong physical = segment.PhysicalAddress & Loongson3VirtMemoryMap.KernelPhysicalAddressMask;
            if (physical + segment.Size > Loongson3VirtMemoryMap.LowRamUsableSize)
            {
                throw new BootConfigurationException(
                    $"kernel {path}: a segment at physical 0x{physical:x} of 0x{segment.Size:x} bytes does not fit in the "
                    + $"{Loongson3VirtMemoryMap.LowRamUsableSize / Loongson3VirtMemoryMap.MiB} MiB of low memory the kernel is given");
            }

            // The bytes past the file's part are BSS: the array starts zeroed.
            var bytes = new byte[segment.Size];
            segment.GetFileContents().CopyTo(bytes, 0);
            segments.Add(new MemoryImage(physical, bytes));
        }

        if (segments.Count == 0)
        {
            throw new BootConfigurationException($"kernel {path}: no loadable segment");
        }

        return new LoadedKernel(segments, elf.EntryPoint, segments.Max(s => s.End));
    }
}
