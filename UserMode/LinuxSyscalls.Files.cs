using System.Buffers.Binary;
using System.Text;

namespace LoongsonDbt.UserMode;

/// <summary>File and descriptor system calls.</summary>
public sealed unsafe partial class LinuxSyscalls
{
    /// <summary>Bytes moved per host call: a larger read is short, as Linux allows; a larger write loops.</summary>
    private const int TransferChunk = 1 << 20;

    private const int MaxIoVectors = 1024;
    private const int HostFcntlDupfdCloexec = 1030;

    // MIPS ioctl numbers and their x86-64 host equivalents.
    private const ulong GuestTcgets = 0x540d;
    private const ulong GuestTcsets = 0x540e;
    private const ulong GuestTcsetsw = 0x540f;
    private const ulong GuestTcsetsf = 0x5410;
    private const ulong GuestTiocgwinsz = 0x4008_7468;
    private const ulong GuestTiocswinsz = 0x8008_7467;
    private const ulong GuestTiocgpgrp = 0x4004_7477;
    private const ulong GuestFionread = 0x467f;
    private const ulong HostTcgets = 0x5401;
    private const ulong HostTcsets = 0x5402;
    private const ulong HostTiocgwinsz = 0x5413;
    private const ulong HostTiocswinsz = 0x5414;
    private const ulong HostTiocgpgrp = 0x540f;
    private const ulong HostFionread = 0x541b;

    /// <summary>The staging buffer <see cref="TransferBuffer"/> hands out, grown as calls need.</summary>
    private byte[] _transfer = [];

    private long Read(int fd, ulong buffer, ulong count) =>
        ReadIntoGuest(fd, buffer, count, static (host, pointer, length, _) => Libc.read(host, pointer, length), 0);

    private long PositionalRead(int fd, ulong buffer, ulong count, long offset) =>
        ReadIntoGuest(fd, buffer, count, static (host, pointer, length, at) => Libc.pread(host, pointer, length, at), offset);

    /// <summary>A host call that fills a buffer from a descriptor (read, pread, getdents64).</summary>
    private delegate nint HostRead(int host, byte* buffer, nint length, long offset);

    /// <summary>Runs <paramref name="call"/> on the host descriptor behind <paramref name="fd"/> and copies what it read to the guest.</summary>
    private long ReadIntoGuest(int fd, ulong buffer, ulong count, HostRead call, long offset)
    {
        if (!_files.TryGetHost(fd, out int host))
        {
            return -Errno.EBADF;
        }

        Span<byte> data = TransferBuffer(count);
        long result;
        fixed (byte* pointer = data)
        {
            result = Checked(call(host, pointer, data.Length, offset));
        }

        return Deliver(buffer, data, result);
    }

    /// <summary>Copies the first <paramref name="result"/> bytes read into the guest buffer.</summary>
    private long Deliver(ulong buffer, ReadOnlySpan<byte> data, long result)
    {
        if (result <= 0)
        {
            return result;
        }

        return _memory.TryWrite(buffer, data[..(int)result]) ? result : -Errno.EFAULT;
    }

    /// <summary>
    /// Up to <see cref="TransferChunk"/> bytes of the process's staging buffer between guest and host calls (its
    /// contents are undefined). One buffer for every call: a new array for each read or write of a 4 KiB
    /// stdio buffer made the collector zero and sweep as many bytes as the program moved.
    /// </summary>
    private Span<byte> TransferBuffer(ulong count)
    {
        int length = (int)Math.Min(count, TransferChunk);
        if (_transfer.Length < length)
        {
            _transfer = GC.AllocateUninitializedArray<byte>(Math.Max(length, 2 * _transfer.Length));
        }

        return _transfer.AsSpan(0, length);
    }

    private long Write(int fd, ulong buffer, ulong count) => WriteChunks(fd, buffer, count, offset: null);

    private long PositionalWrite(int fd, ulong buffer, ulong count, long offset) => WriteChunks(fd, buffer, count, offset);

    private long WriteChunks(int fd, ulong buffer, ulong count, long? offset)
    {
        if (!_files.TryGetHost(fd, out int host))
        {
            return -Errno.EBADF;
        }

        long done = 0;
        while ((ulong)done < count || count == 0)
        {
            Span<byte> data = TransferBuffer(count - (ulong)done);
            if (!_memory.TryRead(buffer + (ulong)done, data))
            {
                return done > 0 ? done : -Errno.EFAULT;
            }

            long written;
            fixed (byte* pointer = data)
            {
                written = Checked(offset is { } at
                    ? Libc.pwrite(host, pointer, data.Length, at + done)
                    : Libc.write(host, pointer, data.Length));
            }

            if (written < 0)
            {
                return done > 0 ? done : written;
            }

            done += written;
            if (written < data.Length || count == 0)
            {
                break;
            }
        }

        return done;
    }

    /// <summary>Reads a guest iovec array: (base, length) pairs of 64-bit words.</summary>
    private (ulong Base, ulong Length)[]? ReadIoVectors(ulong address, ulong count)
    {
        if (count > MaxIoVectors)
        {
            return null;
        }

        byte[] raw = new byte[(int)count * 16];
        if (!_memory.TryRead(address, raw))
        {
            return null;
        }

        var vectors = new (ulong, ulong)[count];
        for (int i = 0; i < (int)count; i++)
        {
            vectors[i] = (BinaryPrimitives.ReadUInt64LittleEndian(raw.AsSpan(16 * i)), BinaryPrimitives.ReadUInt64LittleEndian(raw.AsSpan(16 * i + 8)));
        }

        return vectors;
    }

    private long WriteVector(int fd, ulong iov, ulong count)
    {
        if (count > MaxIoVectors)
        {
            return -Errno.EINVAL;
        }

        var vectors = ReadIoVectors(iov, count);
        if (vectors is null)
        {
            return -Errno.EFAULT;
        }

        // One host write for the whole gather keeps writev atomic on pipes, as the guest expects.
        var data = new List<byte>();
        foreach ((ulong start, ulong length) in vectors)
        {
            byte[] part = new byte[(int)Math.Min(length, TransferChunk)];
            if (!_memory.TryRead(start, part))
            {
                return -Errno.EFAULT;
            }

            data.AddRange(part);
        }

        if (!_files.TryGetHost(fd, out int host))
        {
            return -Errno.EBADF;
        }

        byte[] all = [.. data];
        fixed (byte* pointer = all)
        {
            return Checked(Libc.write(host, pointer, all.Length));
        }
    }

    private long ReadVector(int fd, ulong iov, ulong count)
    {
        if (count > MaxIoVectors)
        {
            return -Errno.EINVAL;
        }

        var vectors = ReadIoVectors(iov, count);
        if (vectors is null)
        {
            return -Errno.EFAULT;
        }

        if (!_files.TryGetHost(fd, out int host))
        {
            return -Errno.EBADF;
        }

        ulong total = vectors.Aggregate(0UL, (sum, v) => sum + v.Length);
        Span<byte> data = TransferBuffer(total);
        long result;
        fixed (byte* pointer = data)
        {
            result = Checked(Libc.read(host, pointer, data.Length));
        }

        long scattered = 0;
        foreach ((ulong start, ulong length) in vectors)
        {
            int part = (int)Math.Min(length, (ulong)(result - scattered));
            if (part <= 0)
            {
                break;
            }

            if (!_memory.TryWrite(start, data.Slice((int)scattered, part)))
            {
                return -Errno.EFAULT;
            }

            scattered += part;
        }

        return result;
    }

    private long Open(int dirFd, ulong pathAddress, int flags, uint mode)
    {
        long error = ResolvePath(dirFd, pathAddress, out byte[] path, out int hostDir);
        if (error != 0)
        {
            return error;
        }

        // Host descriptors never leak into processes .NET starts; the guest's own close-on-exec is tracked apart.
        int hostFlags = OpenFlags.ToHost(flags) | Libc.OCloexec;
        fixed (byte* pointer = path)
        {
            long host = Checked(Libc.openat(hostDir, pointer, hostFlags, mode));
            return host < 0 ? host : _files.Add((int)host, (flags & OpenFlags.GuestCloexec) != 0);
        }
    }

    /// <summary>
    /// Reads a guest path and the host directory an *at() call resolves it against; 0, or -EFAULT for an
    /// unreadable path, -EBADF for a bad directory descriptor.
    /// </summary>
    private long ResolvePath(int dirFd, ulong address, out byte[] path, out int hostDir)
    {
        byte[]? read = ReadString(address);
        path = read ?? [];
        hostDir = 0;
        if (read is null)
        {
            return -Errno.EFAULT;
        }

        long directory = HostDirectory(dirFd, path);
        if (directory < 0 && directory != Libc.AtFdCwd)
        {
            return directory;
        }

        hostDir = (int)directory;
        return 0;
    }

    /// <summary>The host directory fd a guest *at() call resolves against; a negative errno for a bad one.</summary>
    private long HostDirectory(int dirFd, byte[] path)
    {
        if (dirFd == Libc.AtFdCwd || (path.Length > 0 && path[0] == (byte)'/'))
        {
            return Libc.AtFdCwd;
        }

        return _files.TryGetHost(dirFd, out int host) ? host : -Errno.EBADF;
    }

    private long PathCall(int dirFd, ulong pathAddress, PathOperation operation)
    {
        long error = ResolvePath(dirFd, pathAddress, out byte[] path, out int hostDir);
        if (error != 0)
        {
            return error;
        }

        fixed (byte* pointer = path)
        {
            return Checked(operation(hostDir, pointer));
        }
    }

    private long FdCall(int fd, Func<int, int> operation) =>
        _files.TryGetHost(fd, out int host) ? Checked(operation(host)) : -Errno.EBADF;

    private long Rename(int oldDirFd, ulong oldAddress, int newDirFd, ulong newAddress, uint flags)
    {
        long error = ResolvePath(newDirFd, newAddress, out byte[] newPath, out int newDir);
        if (error != 0)
        {
            return error;
        }

        fixed (byte* target = newPath)
        {
            byte* to = target;
            return PathCall(oldDirFd, oldAddress, (dir, from) => Libc.renameat2(dir, from, newDir, to, flags));
        }
    }

    private long Seek(int fd, long offset, int whence) =>
        _files.TryGetHost(fd, out int host) ? Checked(Libc.lseek(host, offset, whence)) : -Errno.EBADF;

    private long Statx(int dirFd, ulong pathAddress, int flags, uint mask, ulong buffer)
    {
        byte[] statx = new byte[Libc.StatxSize];
        long result = PathCall(dirFd, pathAddress, (dir, path) =>
        {
            fixed (byte* output = statx)
            {
                return Libc.statx(dir, path, flags, mask, output);
            }
        });
        if (result < 0)
        {
            return result;
        }

        return _memory.TryWrite(buffer, statx) ? 0 : -Errno.EFAULT;
    }

    private long Stat(int dirFd, ulong pathAddress, ulong buffer, int flags)
    {
        byte[] statx = new byte[Libc.StatxSize];
        long result = PathCall(dirFd, pathAddress, (dir, path) =>
        {
            fixed (byte* output = statx)
            {
                return Libc.statx(dir, path, flags, Libc.StatxBasicStats, output);
            }
        });
        return result < 0 ? result : WriteStat(statx, buffer);
    }

    private long FileStat(int fd, ulong buffer)
    {
        if (!_files.TryGetHost(fd, out int host))
        {
            return -Errno.EBADF;
        }

        byte[] statx = new byte[Libc.StatxSize];
        byte* empty = stackalloc byte[1];
        empty[0] = 0;
        fixed (byte* output = statx)
        {
            long result = Checked(Libc.statx(host, empty, AtEmptyPath, Libc.StatxBasicStats, output));
            if (result < 0)
            {
                return result;
            }
        }

        return WriteStat(statx, buffer);
    }

    private long WriteStat(byte[] statx, ulong buffer)
    {
        byte[] stat = new byte[GuestStat.Size];
        GuestStat.FromStatx(statx, stat);
        return _memory.TryWrite(buffer, stat) ? 0 : -Errno.EFAULT;
    }

    // struct linux_dirent64 is the same on every architecture: the host's bytes go to the guest as they are.
    private long DirectoryEntries(int fd, ulong buffer, ulong count) =>
        ReadIntoGuest(fd, buffer, count, static (host, pointer, length, _) => Libc.getdents64(host, pointer, length), 0);

    private long ReadLink(int dirFd, ulong pathAddress, ulong buffer, ulong size)
    {
        byte[]? path = ReadString(pathAddress);
        if (path is null)
        {
            return -Errno.EFAULT;
        }

        if ((long)size <= 0)
        {
            return -Errno.EINVAL;
        }

        byte[] target = new byte[(int)Math.Min(size, 4096)];
        long result;

        // /proc/self/exe is the emulator on the host; the guest must see its own program.
        if (Encoding.UTF8.GetString(path.AsSpan(0, path.Length - 1)) == "/proc/self/exe")
        {
            byte[] exe = Encoding.UTF8.GetBytes(ExecutablePath);
            result = Math.Min(exe.Length, target.Length);
            exe.AsSpan(0, (int)result).CopyTo(target);
        }
        else
        {
            result = PathCall(dirFd, pathAddress, (dir, p) =>
            {
                fixed (byte* output = target)
                {
                    return (int)Libc.readlinkat(dir, p, output, target.Length);
                }
            });
        }

        return Deliver(buffer, target, result);
    }

    private long GetCurrentDirectory(ulong buffer, ulong size)
    {
        byte[] data = new byte[4096];
        fixed (byte* pointer = data)
        {
            if (Libc.getcwd(pointer, data.Length) == null)
            {
                return Checked(-1);
            }
        }

        int length = Array.IndexOf(data, (byte)0) + 1;
        if ((ulong)length > size)
        {
            return -Errno.ERANGE;
        }

        return _memory.TryWrite(buffer, data.AsSpan(0, length)) ? length : -Errno.EFAULT;
    }

    private long Duplicate(int fd, int lowest, bool closeOnExec)
    {
        if (!_files.TryGetHost(fd, out int host))
        {
            return -Errno.EBADF;
        }

        if (lowest < 0 || lowest >= FileTable.Limit)
        {
            return -Errno.EINVAL;
        }

        long copy = Checked(Libc.fcntl(host, HostFcntlDupfdCloexec, 0));
        return copy < 0 ? copy : _files.Add((int)copy, closeOnExec, lowest);
    }

    private long Duplicate2(int oldFd, int newFd, int flags, bool sameIsError)
    {
        if (!_files.TryGetHost(oldFd, out int host))
        {
            return -Errno.EBADF;
        }

        if ((flags & ~OpenFlags.GuestCloexec) != 0 || (sameIsError && oldFd == newFd))
        {
            return -Errno.EINVAL;
        }

        if (oldFd == newFd)
        {
            return newFd;
        }

        if (newFd < 0 || newFd >= FileTable.Limit)
        {
            return -Errno.EBADF;
        }

        long copy = Checked(Libc.fcntl(host, HostFcntlDupfdCloexec, 0));
        if (copy < 0)
        {
            return copy;
        }

        _files.Replace(newFd, (int)copy, (flags & OpenFlags.GuestCloexec) != 0);
        return newFd;
    }

    private long Control(int fd, int command, ulong argument)
    {
        if (!_files.TryGetHost(fd, out int host))
        {
            return -Errno.EBADF;
        }

        switch (command)
        {
            case 0: // F_DUPFD
                return Duplicate(fd, (int)argument, closeOnExec: false);
            case 1030: // F_DUPFD_CLOEXEC
                return Duplicate(fd, (int)argument, closeOnExec: true);
            case 1: // F_GETFD
                _files.TryGetCloseOnExec(fd, out bool closeOnExec);
                return closeOnExec ? 1 : 0;
            case 2: // F_SETFD
                _files.TrySetCloseOnExec(fd, (argument & 1) != 0);
                return 0;
            case 3: // F_GETFL
                long flags = Checked(Libc.fcntl(host, 3, 0));
                return flags < 0 ? flags : OpenFlags.FromHost((int)flags & ~Libc.OCloexec);
            case 4: // F_SETFL
                return Checked(Libc.fcntl(host, 4, OpenFlags.ToHost((int)argument)));
            case 14: // F_GETLK (5 on the host); struct flock is laid out alike
            case 6: // F_SETLK
            case 7: // F_SETLKW
                return Lock(host, command == 14 ? 5 : command, argument);
            default:
                return -Errno.EINVAL;
        }
    }

    private long Lock(int host, int command, ulong address)
    {
        byte[] flock = new byte[32];
        if (!_memory.TryRead(address, flock))
        {
            return -Errno.EFAULT;
        }

        long result;
        fixed (byte* pointer = flock)
        {
            result = Checked(Libc.fcntl(host, command, pointer));
        }

        if (result < 0)
        {
            return result;
        }

        return _memory.TryWrite(address, flock) ? result : -Errno.EFAULT;
    }

    private long Pipe(ulong fdsAddress, int flags)
    {
        if ((flags & ~(OpenFlags.GuestCloexec | 0x80 | 0x4000)) != 0)
        {
            return -Errno.EINVAL;
        }

        int* fds = stackalloc int[2];
        long result = Checked(Libc.pipe2(fds, OpenFlags.ToHost(flags) | Libc.OCloexec));
        if (result < 0)
        {
            return result;
        }

        bool closeOnExec = (flags & OpenFlags.GuestCloexec) != 0;
        int reader = _files.Add(fds[0], closeOnExec);
        int writer = reader < 0 ? -Errno.EMFILE : _files.Add(fds[1], closeOnExec);
        Span<byte> pair = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(pair, reader);
        BinaryPrimitives.WriteInt32LittleEndian(pair[4..], writer);
        if (reader < 0 || writer < 0 || !_memory.TryWrite(fdsAddress, pair))
        {
            _files.Close(reader);
            _files.Close(writer);
            return reader < 0 || writer < 0 ? -Errno.EMFILE : -Errno.EFAULT;
        }

        return 0;
    }

    private long InputOutputControl(int fd, ulong request, ulong argument)
    {
        if (!_files.TryGetHost(fd, out int host))
        {
            return -Errno.EBADF;
        }

        switch (request)
        {
            case GuestTcgets:
                {
                    byte[] hostTermios = new byte[TerminalAttributes.HostSize];
                    fixed (byte* pointer = hostTermios)
                    {
                        long result = Checked(Libc.ioctl(host, HostTcgets, pointer));
                        if (result < 0)
                        {
                            return result;
                        }
                    }

                    byte[] guestTermios = new byte[TerminalAttributes.GuestSize];
                    TerminalAttributes.ToGuest(hostTermios, guestTermios);
                    return _memory.TryWrite(argument, guestTermios) ? 0 : -Errno.EFAULT;
                }

            case GuestTcsets or GuestTcsetsw or GuestTcsetsf:
                {
                    byte[] guestTermios = new byte[TerminalAttributes.GuestSize];
                    if (!_memory.TryRead(argument, guestTermios))
                    {
                        return -Errno.EFAULT;
                    }

                    byte[] hostTermios = new byte[TerminalAttributes.HostSize];
                    TerminalAttributes.ToHost(guestTermios, hostTermios);
                    fixed (byte* pointer = hostTermios)
                    {
                        return Checked(Libc.ioctl(host, HostTcsets + (request - GuestTcsets), pointer));
                    }
                }

            case GuestTiocgwinsz:
                return HostStruct(argument, 8, b => Libc.ioctl(host, HostTiocgwinsz, b));
            case GuestTiocgpgrp:
                return HostStruct(argument, 4, b => Libc.ioctl(host, HostTiocgpgrp, b));
            case GuestFionread:
                return HostStruct(argument, 4, b => Libc.ioctl(host, HostFionread, b));
            case GuestTiocswinsz:
                {
                    byte[] size = new byte[8];
                    if (!_memory.TryRead(argument, size))
                    {
                        return -Errno.EFAULT;
                    }

                    fixed (byte* pointer = size)
                    {
                        return Checked(Libc.ioctl(host, HostTiocswinsz, pointer));
                    }
                }

            default:
                return -Errno.ENOTTY;
        }
    }
}
