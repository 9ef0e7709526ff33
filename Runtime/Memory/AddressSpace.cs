using System.Runtime.InteropServices;
using LoongsonDbt.Runtime.Cpu;
using Microsoft.Win32.SafeHandles;

namespace LoongsonDbt.Runtime.Memory;

/// <summary>
/// A process's guest virtual memory: 4 KiB pages with mmap-style permissions, host memory allocated
/// on first touch (zero-filled), a direct-mapped software TLB for the execution tiers, and tracking
/// of pages that hold translated code so that stores to them invalidate the translations.
/// </summary>
public sealed unsafe class AddressSpace : IGuestMemory, IDisposable
{
    private readonly Dictionary<ulong, Page> _pages = [];
    private readonly List<SafeFileHandle> _files = [];
    private readonly SoftTlbEntry* _tlb;
    private GCHandle _self;

    public AddressSpace()
    {
        _tlb = (SoftTlbEntry*)NativeMemory.AlignedAlloc((nuint)(GuestMemory.TlbEntries * sizeof(SoftTlbEntry)), 64);
        FlushTlb();
        _self = GCHandle.Alloc(this);
    }

    /// <summary>Called with a page's address after a store hit a page marked with <see cref="MarkCodePage"/>.</summary>
    public event Action<ulong>? CodePageWritten;

    /// <summary>Connects a CPU to this address space.</summary>
    public void Attach(CpuState* state)
    {
        state->Tlb = _tlb;
        state->MemoryHandle = GCHandle.ToIntPtr(_self);
    }

    /// <summary>Maps [address, address + length) with <paramref name="protection"/>, replacing what was there.</summary>
    public void Map(ulong address, ulong length, PageProtection protection)
    {
        bool replaced = false;
        foreach (ulong page in Pages(address, length))
        {
            if (_pages.Remove(page, out Page? old))
            {
                Discard(page, old);
                replaced = true;
            }

            _pages[page] = new Page(protection);
        }

        // The software TLB holds only pages that were mapped: fresh ones (a program's segments, most
        // mmaps) cannot be in it, so only a replacement pays for the flush.
        if (replaced)
        {
            FlushTlb();
        }
    }

    public void Unmap(ulong address, ulong length)
    {
        foreach (ulong page in Pages(address, length))
        {
            if (_pages.Remove(page, out Page? old))
            {
                Discard(page, old);
            }
        }

        FlushTlb();
    }

    /// <summary>Frees a page that was unmapped or mapped over; translations of code on it are dropped.</summary>
    private void Discard(ulong address, Page page)
    {
        if (page.HoldsCode)
        {
            CodePageWritten?.Invoke(address);
        }

        page.Free();
    }

    /// <summary>Changes permissions; false when part of the range is not mapped (ENOMEM).</summary>
    public bool Protect(ulong address, ulong length, PageProtection protection)
    {
        if (!IsMapped(address, length))
        {
            return false;
        }

        foreach (ulong page in Pages(address, length))
        {
            _pages[page].Protection = protection;
        }

        FlushTlb();
        return true;
    }

    public bool IsMapped(ulong address, ulong length)
    {
        foreach (ulong page in Pages(address, length))
        {
            if (!_pages.ContainsKey(page))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The lowest page-aligned address at or above <paramref name="from"/> with <paramref name="length"/> free bytes.</summary>
    public ulong FindFree(ulong from, ulong length)
    {
        ulong candidate = from & GuestMemory.PageMask;
        while (true)
        {
            ulong blocker = ulong.MaxValue;
            foreach (ulong page in Pages(candidate, length))
            {
                if (_pages.ContainsKey(page))
                {
                    blocker = page;
                    break;
                }
            }

            if (blocker == ulong.MaxValue)
            {
                return candidate;
            }

            candidate = blocker + GuestMemory.PageSize;
        }
    }

    /// <summary>Copies guest memory out, as a system call reading a user buffer; false if any byte is not readable.</summary>
    public bool TryRead(ulong address, Span<byte> destination)
    {
        foreach (PagePiece piece in new PagePieces(address, destination.Length))
        {
            if (!_pages.TryGetValue(piece.PageAddress, out Page? page) || (page.Protection & PageProtection.Read) == 0)
            {
                return false;
            }

            new ReadOnlySpan<byte>(page.Host + piece.PageOffset, piece.Count).CopyTo(destination[piece.Done..]);
        }

        return true;
    }

    /// <summary>Copies into guest memory, as a system call filling a user buffer; false if any byte is not writable.</summary>
    public bool TryWrite(ulong address, ReadOnlySpan<byte> source) => TryWrite(address, source, requireWritable: true);

    /// <summary>Writes regardless of permissions (loading a program into read-only pages).</summary>
    public void Poke(ulong address, ReadOnlySpan<byte> source)
    {
        if (!TryWrite(address, source, requireWritable: false))
        {
            throw new ArgumentOutOfRangeException(nameof(address), $"0x{address:x} + {source.Length} is not mapped");
        }
    }

    /// <summary>
    /// Writes <paramref name="length"/> bytes of <paramref name="file"/> from <paramref name="offset"/> at
    /// <paramref name="address"/> regardless of permissions, as <see cref="Poke"/>, but each page as it is first used,
    /// as the kernel maps a program's segments: a process reads only the pages of its program it touches (md5sum a
    /// few hundred KiB of busybox's 2.4 MiB, which reading and copying whole took 3 ms of every start). The address
    /// space owns <paramref name="file"/> from then on.
    /// </summary>
    public void PokeFromFile(ulong address, SafeFileHandle file, long offset, int length)
    {
        if (!IsMapped(address, (ulong)length))
        {
            throw new ArgumentOutOfRangeException(nameof(address), $"0x{address:x} + {length} is not mapped");
        }

        if (!_files.Contains(file))
        {
            _files.Add(file);
        }

        foreach (PagePiece piece in new PagePieces(address, length))
        {
            Page page = _pages[piece.PageAddress];
            NoteCodeWrite(piece.PageAddress, page);
            page.FillFromFile(file, offset + piece.Done, piece.PageOffset, piece.Count);
        }
    }

    /// <summary>Marks a page as holding translated code: stores to it will report <see cref="CodePageWritten"/>.</summary>
    public void MarkCodePage(ulong pageAddress)
    {
        if (_pages.TryGetValue(pageAddress, out Page? page) && !page.HoldsCode)
        {
            page.HoldsCode = true;
            InvalidateTlbEntry(pageAddress);
        }
    }

    public bool TryFetch(ulong address, out uint word)
    {
        if ((address & 3) == 0 && _pages.TryGetValue(address & GuestMemory.PageMask, out Page? page)
            && (page.Protection & PageProtection.Execute) != 0)
        {
            word = *(uint*)(page.Host + (address & ~GuestMemory.PageMask));
            return true;
        }

        word = 0;
        return false;
    }

    public ulong CodePageOf(ulong address) => address & GuestMemory.PageMask;

    /// <summary>A process's pages change only through map calls, which report code pages they replace.</summary>
    public bool HasFixedMapping(ulong address) => true;

    public bool TryTranslateFetch(CpuState* state, ulong pc, out ulong codePage)
    {
        codePage = pc & GuestMemory.PageMask;
        if (TryFetch(pc, out _))
        {
            return true;
        }

        state->BadVAddr = pc;
        state->Exception = (pc & 3) != 0 ? GuestException.AddressErrorLoad : GuestException.TlbLoad;
        return false;
    }

    public ulong LoadSlow(CpuState* state, ulong address, int size)
    {
        if (!CheckAlignment(state, address, size, GuestException.AddressErrorLoad))
        {
            return 0;
        }

        Page? page = Resolve(state, address, PageProtection.Read, GuestException.TlbLoad);
        if (page is null)
        {
            return 0;
        }

        byte* host = page.Host + (address & ~GuestMemory.PageMask);
        return size switch
        {
            1 => *host,
            2 => *(ushort*)host,
            4 => *(uint*)host,
            _ => *(ulong*)host,
        };
    }

    public void StoreSlow(CpuState* state, ulong address, int size, ulong value)
    {
        if (!CheckAlignment(state, address, size, GuestException.AddressErrorStore))
        {
            return;
        }

        Page? page = Resolve(state, address, PageProtection.Write, GuestException.TlbStore);
        if (page is null)
        {
            return;
        }

        byte* host = page.Host + (address & ~GuestMemory.PageMask);
        switch (size)
        {
            case 1: *host = (byte)value; break;
            case 2: *(ushort*)host = (ushort)value; break;
            case 4: *(uint*)host = (uint)value; break;
            default: *(ulong*)host = value; break;
        }
    }

    public void Dispose()
    {
        foreach (KeyValuePair<ulong, Page> page in _pages)
        {
            page.Value.Free();
        }

        _pages.Clear();
        foreach (SafeFileHandle file in _files)
        {
            file.Dispose();
        }

        _files.Clear();
        if (_self.IsAllocated)
        {
            _self.Free();
        }

        NativeMemory.AlignedFree(_tlb);
    }

    private bool TryWrite(ulong address, ReadOnlySpan<byte> source, bool requireWritable)
    {
        foreach (PagePiece piece in new PagePieces(address, source.Length))
        {
            if (!_pages.TryGetValue(piece.PageAddress, out Page? page) || (requireWritable && (page.Protection & PageProtection.Write) == 0))
            {
                return false;
            }

            NoteCodeWrite(piece.PageAddress, page);
            source.Slice(piece.Done, piece.Count).CopyTo(new Span<byte>(page.Host + piece.PageOffset, piece.Count));
        }

        return true;
    }

    private static bool CheckAlignment(CpuState* state, ulong address, int size, GuestException exception)
    {
        if ((address & (ulong)(size - 1)) == 0)
        {
            return true;
        }

        state->Exception = exception;
        state->BadVAddr = address;
        return false;
    }

    /// <summary>Finds the page for an access, faulting if it is absent or forbidden, and refills the TLB entry.</summary>
    private Page? Resolve(CpuState* state, ulong address, PageProtection access, GuestException fault)
    {
        ulong pageAddress = address & GuestMemory.PageMask;
        if (!_pages.TryGetValue(pageAddress, out Page? page) || (page.Protection & access) == 0)
        {
            state->Exception = fault;
            state->BadVAddr = address;
            return null;
        }

        if (access == PageProtection.Write)
        {
            NoteCodeWrite(pageAddress, page);
        }

        SoftTlbEntry* entry = _tlb + (int)((address >> GuestMemory.PageShift) & (GuestMemory.TlbEntries - 1));
        *entry = new SoftTlbEntry
        {
            ReadTag = (page.Protection & PageProtection.Read) != 0 ? pageAddress : SoftTlbEntry.InvalidFlag,
            WriteTag = (page.Protection & PageProtection.Write) == 0 ? SoftTlbEntry.InvalidFlag
                : page.HoldsCode ? pageAddress | SoftTlbEntry.CodePageFlag : pageAddress,
            Addend = (long)page.Host - (long)pageAddress,
        };
        return page;
    }

    /// <summary>A store to a code page: translations of it go first, then the page is ordinary data again.</summary>
    private void NoteCodeWrite(ulong pageAddress, Page page)
    {
        if (page.HoldsCode)
        {
            page.HoldsCode = false;
            InvalidateTlbEntry(pageAddress);
            CodePageWritten?.Invoke(pageAddress);
        }
    }

    private void InvalidateTlbEntry(ulong pageAddress) =>
        _tlb[(int)((pageAddress >> GuestMemory.PageShift) & (GuestMemory.TlbEntries - 1))] = SoftTlbEntry.Empty;

    private void FlushTlb() => SoftTlbEntry.Flush(_tlb);

    private static IEnumerable<ulong> Pages(ulong address, ulong length)
    {
        ulong end = address + length;
        for (ulong page = address & GuestMemory.PageMask; page < end; page += GuestMemory.PageSize)
        {
            yield return page;
        }
    }

    /// <summary>The piece of a byte range that lies in one page: <see cref="Count"/> bytes from <see cref="PageOffset"/>, <see cref="Done"/> bytes into the range.</summary>
    private readonly record struct PagePiece(ulong PageAddress, int PageOffset, int Done, int Count);

    /// <summary>[address, address + length) in pieces cut at page boundaries, in order; a struct, so a copy loop allocates nothing.</summary>
    private struct PagePieces(ulong address, int length)
    {
        private int _done;

        public PagePiece Current { get; private set; }

        public readonly PagePieces GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_done >= length)
            {
                return false;
            }

            ulong at = address + (ulong)_done;
            int pageOffset = (int)(at & ~GuestMemory.PageMask);
            int count = Math.Min(length - _done, (int)GuestMemory.PageSize - pageOffset);
            Current = new PagePiece(at & GuestMemory.PageMask, pageOffset, _done, count);
            _done += count;
            return true;
        }
    }

    /// <summary>One guest page; its host memory is allocated, zeroed and filled from its file if it has one, on first use.</summary>
    private sealed class Page(PageProtection protection)
    {
        private byte* _host;
        private SafeFileHandle? _file;
        private long _fileOffset;
        private int _fileBytesAt;
        private int _fileBytes;

        public PageProtection Protection { get; set; } = protection;

        public bool HoldsCode { get; set; }

        public byte* Host => _host != null ? _host : Allocate();

        /// <summary>Its <paramref name="count"/> bytes from <paramref name="pageOffset"/> come from <paramref name="file"/> at <paramref name="offset"/>.</summary>
        public void FillFromFile(SafeFileHandle file, long offset, int pageOffset, int count)
        {
            if (_host != null || _file != null)
            {
                Read(file, offset, Host + pageOffset, count); // a page two segments share: the first is read now
                return;
            }

            (_file, _fileOffset, _fileBytesAt, _fileBytes) = (file, offset, pageOffset, count);
        }

        public void Free()
        {
            NativeMemory.Free(_host);
            _host = null;
            _file = null;
        }

        private byte* Allocate()
        {
            _host = (byte*)NativeMemory.AllocZeroed((nuint)GuestMemory.PageSize);
            if (_file is { } file)
            {
                _file = null;
                Read(file, _fileOffset, _host + _fileBytesAt, _fileBytes);
            }

            return _host;
        }

        /// <summary>Reads up to <paramref name="count"/> bytes; a file cut short since it was loaded leaves the rest zero.</summary>
        private static void Read(SafeFileHandle file, long offset, byte* destination, int count)
        {
            for (int done = 0; done < count;)
            {
                int read = RandomAccess.Read(file, new Span<byte>(destination + done, count - done), offset + done);
                if (read == 0)
                {
                    return;
                }

                done += read;
            }
        }
    }
}
