using System.Buffers.Binary;
using LoongsonDbt.Runtime.Images;
using LoongsonDbt.Runtime.Memory;
using Microsoft.Win32.SafeHandles;

namespace LoongsonDbt.UserMode;

/// <summary>
/// Maps a static (ET_EXEC) or static-PIE (ET_DYN without PT_INTERP) mips64el n64 program into an
/// address space, as the kernel's binfmt_elf does for a program without an interpreter.
/// </summary>
public static class ElfLoader
{
    /// <summary>Where a static-PIE program is placed (qemu-user and the kernel pick a similar high base).</summary>
    public const ulong PieLoadBias = 0x5555_5000_0000;

    private const int HeaderSize = 64;
    private const long MaxHeadSize = 1 << 20;
    private const int ProgramHeaderEntrySize = 56;
    private const ushort EtExec = 2;
    private const ushort EtDyn = 3;
    private const ushort EmMips = 8;
    private const uint EfMipsAbi2 = 0x20;
    private const uint EfMipsAbiMask = 0x0000_f000;
    private const uint PtLoad = 1;
    private const uint PtInterp = 3;
    private const uint PtPhdr = 6;
    private const uint PfX = 1;
    private const uint PfW = 2;
    private const uint PfR = 4;

    /// <summary>
    /// Loads the program at <paramref name="path"/>; its segments' bytes are read as their pages are first used
    /// (<see cref="AddressSpace.PokeFromFile"/>), and the address space keeps the file open for that.
    /// </summary>
    public static LoadedProgram Load(string path, AddressSpace memory)
    {
        SafeFileHandle file;
        byte[] head;
        long length;
        try
        {
            file = File.OpenHandle(path);
            length = RandomAccess.GetLength(file);
            head = ReadHead(file, length);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InvalidGuestImageException($"{path}: cannot read ({exception.Message})", exception);
        }

        try
        {
            return Load(head, length, path, memory, (address, offset, size) => memory.PokeFromFile(address, file, offset, size));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <param name="source">Names the input in error messages.</param>
    public static LoadedProgram Load(ReadOnlySpan<byte> file, string source, AddressSpace memory)
    {
        byte[] contents = file.ToArray();
        return Load(contents, contents.Length, source, memory,
            (address, offset, size) => memory.Poke(address, contents.AsSpan((int)offset, size)));
    }

    /// <summary>
    /// The ELF header and the program header table: the first page, or as far as the table reaches if further, up to
    /// <see cref="MaxHeadSize"/> (Validate reports a table that is not in it).
    /// </summary>
    private static byte[] ReadHead(SafeFileHandle file, long length)
    {
        byte[] head = ReadAt(file, (int)Math.Min(length, (long)GuestMemory.PageSize));
        if (head.Length >= HeaderSize)
        {
            ulong tableEnd = BinaryPrimitives.ReadUInt64LittleEndian(head.AsSpan(32))
                + (ulong)BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(54)) * BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(56));
            if (tableEnd > (ulong)head.Length && tableEnd <= (ulong)Math.Min(length, MaxHeadSize))
            {
                head = ReadAt(file, (int)tableEnd);
            }
        }

        return head;
    }

    private static byte[] ReadAt(SafeFileHandle file, int count)
    {
        var bytes = new byte[count];
        for (int done = 0; done < count;)
        {
            int read = RandomAccess.Read(file, bytes.AsSpan(done), done);
            if (read == 0)
            {
                return bytes[..done];
            }

            done += read;
        }

        return bytes;
    }

    /// <summary>
    /// Maps the program whose <paramref name="head"/> (<see cref="ReadHead"/>) and <paramref name="length"/> are given;
    /// <paramref name="fill"/> writes a segment's file bytes (offset, size) at a guest address.
    /// </summary>
    private static LoadedProgram Load(ReadOnlySpan<byte> head, long length, string source, AddressSpace memory, Action<ulong, long, int> fill)
    {
        ProgramHeader[] headers = Validate(head, length, source, out ushort type, out ulong entry, out ulong phoff);
        ulong bias = type == EtDyn ? PieLoadBias : 0;
        ulong dataEnd = 0;
        ulong phdrAddress = 0;
        ulong? phdrSegment = null;

        // Two segments may share a page (text end, data start): it gets the union of their permissions. Validate
        // keeps the segments in ascending order, overlapping at most there.
        ulong previousEnd = 0;
        PageProtection previousProtection = PageProtection.None;
        foreach (ProgramHeader header in headers)
        {
            if (header.Type == PtPhdr)
            {
                phdrSegment ??= header.VirtualAddress + bias;
            }

            if (header.Type != PtLoad || header.MemorySize == 0)
            {
                continue;
            }

            ulong start = (header.VirtualAddress + bias) & GuestMemory.PageMask;
            ulong end = AlignUp(header.VirtualAddress + bias + header.MemorySize);
            PageProtection protection = Protection(header.Flags);
            if (start < previousEnd)
            {
                memory.Protect(start, GuestMemory.PageSize, previousProtection | protection);
                start += GuestMemory.PageSize;
            }

            if (start < end)
            {
                memory.Map(start, end - start, protection);
            }

            previousEnd = end;
            previousProtection = protection;

            fill(header.VirtualAddress + bias, (long)header.Offset, (int)header.FileSize);

            // The rest of the page after the file bytes is zero already: pages are zero-filled on mapping.
            dataEnd = Math.Max(dataEnd, end);
            if (phdrAddress == 0 && phoff >= header.Offset && phoff + (ulong)(headers.Length * ProgramHeaderEntrySize) <= header.Offset + header.FileSize)
            {
                phdrAddress = header.VirtualAddress + bias + (phoff - header.Offset);
            }
        }

        return new LoadedProgram(entry + bias, bias, phdrSegment ?? phdrAddress, headers.Length, ProgramHeaderEntrySize, dataEnd);
    }

    private static ProgramHeader[] Validate(ReadOnlySpan<byte> head, long length, string source, out ushort type, out ulong entry, out ulong phoff)
    {
        if (head.Length < 4 || !head[..4].SequenceEqual("\u007fELF"u8))
        {
            throw new InvalidGuestImageException($"{source}: not an ELF file");
        }

        if (head.Length < HeaderSize)
        {
            throw new InvalidGuestImageException($"{source}: truncated ELF header ({head.Length} bytes)");
        }

        if (head[4] != 2)
        {
            throw new InvalidGuestImageException($"{source}: not a 64-bit ELF (class {head[4]}); only mips64el n64 programs run");
        }

        if (head[5] != 1)
        {
            throw new InvalidGuestImageException($"{source}: not little-endian; only mips64el n64 programs run");
        }

        ushort machine = BinaryPrimitives.ReadUInt16LittleEndian(head[18..]);
        if (machine != EmMips)
        {
            throw new InvalidGuestImageException($"{source}: machine {machine} is not MIPS (8); only mips64el n64 programs run");
        }

        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(head[48..]);
        if ((flags & EfMipsAbi2) != 0 || (flags & EfMipsAbiMask) != 0)
        {
            throw new InvalidGuestImageException($"{source}: e_flags 0x{flags:x} select n32 or o32, not the n64 ABI");
        }

        type = BinaryPrimitives.ReadUInt16LittleEndian(head[16..]);
        if (type != EtExec && type != EtDyn)
        {
            throw new InvalidGuestImageException($"{source}: ELF type {type} is not an executable (ET_EXEC or ET_DYN)");
        }

        entry = BinaryPrimitives.ReadUInt64LittleEndian(head[24..]);
        phoff = BinaryPrimitives.ReadUInt64LittleEndian(head[32..]);
        ushort phentsize = BinaryPrimitives.ReadUInt16LittleEndian(head[54..]);
        ushort phnum = BinaryPrimitives.ReadUInt16LittleEndian(head[56..]);
        if (phentsize != ProgramHeaderEntrySize || phnum == 0)
        {
            throw new InvalidGuestImageException($"{source}: unusable program header table ({phnum} entries of {phentsize} bytes)");
        }

        if (phoff > (ulong)length || (ulong)length - phoff < (ulong)(phnum * phentsize))
        {
            throw new InvalidGuestImageException($"{source}: truncated (program headers end past the {length}-byte file)");
        }

        var headers = new ProgramHeader[phnum];
        bool loadable = false;
        ulong loadedEnd = 0;
        for (int i = 0; i < phnum; i++)
        {
            ReadOnlySpan<byte> raw = head.Slice((int)phoff + i * phentsize, phentsize);
            headers[i] = new ProgramHeader(
                BinaryPrimitives.ReadUInt32LittleEndian(raw),
                BinaryPrimitives.ReadUInt32LittleEndian(raw[4..]),
                BinaryPrimitives.ReadUInt64LittleEndian(raw[8..]),
                BinaryPrimitives.ReadUInt64LittleEndian(raw[16..]),
                BinaryPrimitives.ReadUInt64LittleEndian(raw[32..]),
                BinaryPrimitives.ReadUInt64LittleEndian(raw[40..]));
            ProgramHeader header = headers[i];
            if (header.Type == PtInterp)
            {
                throw new InvalidGuestImageException($"{source}: dynamically linked (PT_INTERP); only static programs run");
            }

            if (header.Type == PtLoad && (header.FileSize > header.MemorySize || header.Offset > (ulong)length
                || (ulong)length - header.Offset < header.FileSize))
            {
                throw new InvalidGuestImageException($"{source}: truncated or damaged (segment {i} lies outside the {length}-byte file)");
            }

            if (header.Type == PtLoad && header.MemorySize > 0)
            {
                // As the ELF specification requires: in ascending address order, sharing at most one page.
                if ((header.VirtualAddress & GuestMemory.PageMask) + GuestMemory.PageSize < loadedEnd
                    || header.VirtualAddress + header.MemorySize < header.VirtualAddress)
                {
                    throw new InvalidGuestImageException($"{source}: damaged (segment {i} overlaps the one before or wraps around)");
                }

                loadedEnd = AlignUp(header.VirtualAddress + header.MemorySize);
            }

            loadable |= header.Type == PtLoad;
        }

        if (!loadable)
        {
            throw new InvalidGuestImageException($"{source}: no loadable segment");
        }

        return headers;
    }

    private static PageProtection Protection(uint flags) =>
        ((flags & PfR) != 0 ? PageProtection.Read : 0)
        | ((flags & PfW) != 0 ? PageProtection.Write : 0)
        | ((flags & PfX) != 0 ? PageProtection.Execute : 0);

    private static ulong AlignUp(ulong value) => (value + GuestMemory.PageSize - 1) & GuestMemory.PageMask;

    private readonly record struct ProgramHeader(uint Type, uint Flags, ulong Offset, ulong VirtualAddress, ulong FileSize, ulong MemorySize);
}
