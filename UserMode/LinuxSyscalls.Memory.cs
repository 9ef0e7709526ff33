using LoongsonDbt.Runtime.Memory;

namespace LoongsonDbt.UserMode;

/// <summary>mmap, munmap, mprotect, mremap, madvise and brk over the guest address space.</summary>
public sealed unsafe partial class LinuxSyscalls
{
    /// <summary>Where mappings without a usable hint go: far above a PIE and its heap, below the stack.</summary>
    public const ulong MapBase = 0x7f00_0000_0000;

    /// <summary>The top of n64 user space this emulator hands out (the stack and trampoline end at 2^47).</summary>
    public const ulong UserLimit = 0x8000_0000_0000;

    private const int MapShared = 0x1;
    private const int MapPrivate = 0x2;
    private const int MapFixed = 0x10;
    private const int MapAnonymous = 0x800;
    private const int MapFixedNoReplace = 0x10_0000;
    private const int MadviseDontNeed = 4;
    private const int MremapMayMove = 1;

    private readonly ulong _brkStart;
    private ulong _brk;

    private static ulong PageAlign(ulong value) => (value + GuestMemory.PageSize - 1) & GuestMemory.PageMask;

    private static PageProtection Protection(int prot) => (PageProtection)(prot & 7);

    private bool IsFree(ulong address, ulong length) => _memory.FindFree(address, length) == address;

    private long MapMemory(ulong address, ulong length, int prot, int flags, int fd, ulong offset)
    {
        if (length == 0 || (offset & ~GuestMemory.PageMask) != 0 || (prot & ~7) != 0
            || ((flags & MapShared) == 0 && (flags & MapPrivate) == 0))
        {
            return -Errno.EINVAL;
        }

        ulong size = PageAlign(length);
        if (size == 0 || size > UserLimit)
        {
            return -Errno.ENOMEM;
        }

        // File contents are read first so a failing read leaves the address space as it was.
        byte[]? contents = null;
        if ((flags & MapAnonymous) == 0)
        {
            if (!_files.TryGetHost(fd, out int host))
            {
                return -Errno.EBADF;
            }

            contents = new byte[(int)Math.Min(size, int.MaxValue)];
            long read;
            fixed (byte* pointer = contents)
            {
                read = Checked(Libc.pread(host, pointer, contents.Length, (long)offset));
            }

            if (read < 0)
            {
                return read == -Errno.EISDIR ? -Errno.ENODEV : read;
            }

            contents = contents[..(int)read];
        }

        ulong target;
        if ((flags & (MapFixed | MapFixedNoReplace)) != 0)
        {
            if ((address & ~GuestMemory.PageMask) != 0 || address + size > UserLimit || address + size < address)
            {
                return -Errno.EINVAL;
            }

            if ((flags & MapFixed) == 0 && !IsFree(address, size))
            {
                return -Errno.EEXIST;
            }

            target = address;
        }
        else
        {
            ulong hint = address & GuestMemory.PageMask;
            target = hint != 0 && hint + size <= UserLimit && IsFree(hint, size) ? hint : _memory.FindFree(MapBase, size);
            if (target + size > UserLimit)
            {
                return -Errno.ENOMEM;
            }
        }

        _memory.Map(target, size, Protection(prot));
        if (contents is { Length: > 0 })
        {
            _memory.Poke(target, contents);
        }

        return (long)target;
    }

    private long UnmapMemory(ulong address, ulong length)
    {
        if ((address & ~GuestMemory.PageMask) != 0 || length == 0 || address + length > UserLimit)
        {
            return -Errno.EINVAL;
        }

        _memory.Unmap(address, PageAlign(length));
        return 0;
    }

    private long ProtectMemory(ulong address, ulong length, int prot)
    {
        if ((address & ~GuestMemory.PageMask) != 0 || (prot & ~7) != 0)
        {
            return -Errno.EINVAL;
        }

        if (length == 0)
        {
            return 0;
        }

        return _memory.Protect(address, PageAlign(length), Protection(prot)) ? 0 : -Errno.ENOMEM;
    }

    /// <summary>Shrinking is done in place; growing answers ENOMEM (glibc's realloc then copies itself).</summary>
    private long RemapMemory(ulong address, ulong oldLength, ulong newLength)
    {
        if ((address & ~GuestMemory.PageMask) != 0 || newLength == 0)
        {
            return -Errno.EINVAL;
        }

        ulong oldSize = PageAlign(oldLength);
        ulong newSize = PageAlign(newLength);
        if (!_memory.IsMapped(address, oldSize))
        {
            return -Errno.EFAULT;
        }

        if (newSize > oldSize)
        {
            return -Errno.ENOMEM;
        }

        if (newSize < oldSize)
        {
            _memory.Unmap(address + newSize, oldSize - newSize);
        }

        return (long)address;
    }

    private long Advise(ulong address, ulong length, int advice)
    {
        if ((address & ~GuestMemory.PageMask) != 0)
        {
            return -Errno.EINVAL;
        }

        ulong size = PageAlign(length);
        if (!_memory.IsMapped(address, size))
        {
            return -Errno.ENOMEM;
        }

        // MADV_DONTNEED on private anonymous memory reads back as zeros afterwards.
        if (advice == MadviseDontNeed)
        {
            byte[] zeros = new byte[GuestMemory.PageSize];
            for (ulong page = address; page < address + size; page += GuestMemory.PageSize)
            {
                _memory.Poke(page, zeros);
            }
        }

        return 0;
    }

    /// <summary>brk: grows or shrinks the heap after the program's data; answers the (possibly unchanged) break.</summary>
    private long Break(ulong requested)
    {
        if (requested < _brkStart)
        {
            return (long)_brk;
        }

        ulong oldEnd = PageAlign(_brk);
        ulong newEnd = PageAlign(requested);
        if (newEnd > oldEnd)
        {
            if (newEnd > MapBase || !IsFree(oldEnd, newEnd - oldEnd))
            {
                return (long)_brk;
            }

            _memory.Map(oldEnd, newEnd - oldEnd, PageProtection.ReadWrite);
        }
        else if (newEnd < oldEnd)
        {
            _memory.Unmap(newEnd, oldEnd - newEnd);
        }

        _brk = requested;
        return (long)_brk;
    }
}
