using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace LoongsonDbt.UserMode;

/// <summary>Clocks, identity, limits and other process-information system calls.</summary>
public sealed unsafe partial class LinuxSyscalls
{
    public const string KernelRelease = "6.1.0";
    public const string KernelVersion = "#1 SMP Debian 6.1.176-1";
    public const string Machine = "mips64";

    private const int UtsFieldLength = 65;
    private const int TimerAbsolute = 1;
    private const int PrSetName = 15;
    private const int PrGetName = 16;
    private const int TaskCommLength = 16;
    private const int ResourceLimits = 16;

    /// <summary>
    /// Limits the guest set, by resource (null: the host's, never set): remembered and reported back, not imposed on
    /// the emulator.
    /// </summary>
    private readonly Limit?[] _limits = new Limit?[ResourceLimits];

    /// <summary>The name PR_SET_NAME gave the thread (NUL-padded), or null while it is still the program's file name.</summary>
    private byte[]? _threadName;

    private long ClockCall(ulong address, TimeOperation operation)
    {
        long* timespec = stackalloc long[2];
        long result = Checked(operation(timespec));
        return result < 0 ? result : WriteTimespec(address, timespec[0], timespec[1]);
    }

    private long WriteTimespec(ulong address, long seconds, long fraction)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, seconds);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[8..], fraction);
        return _memory.TryWrite(address, bytes) ? 0 : -Errno.EFAULT;
    }

    private bool TryReadTimespec(ulong address, long* timespec)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!_memory.TryRead(address, bytes))
        {
            return false;
        }

        timespec[0] = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        timespec[1] = BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]);
        return true;
    }

    private long TimeOfDay(ulong timeval, ulong timezone)
    {
        if (timeval != 0)
        {
            long* now = stackalloc long[2];
            Libc.clock_gettime(0, now);
            if (WriteTimespec(timeval, now[0], now[1] / 1000) < 0)
            {
                return -Errno.EFAULT;
            }
        }

        // struct timezone: minutes west and DST type, both zero (UTC), as on most Linux systems.
        return timezone == 0 || TryWriteUInt64(timezone, 0) ? 0 : -Errno.EFAULT;
    }

    private long Sleep(ulong request, ulong remaining) => ClockSleep(1, 0, request, remaining);

    private long ClockSleep(int clock, int flags, ulong request, ulong remaining)
    {
        long* wanted = stackalloc long[2];
        long* left = stackalloc long[2];
        if (!TryReadTimespec(request, wanted))
        {
            return -Errno.EFAULT;
        }

        if (wanted[0] < 0 || wanted[1] is < 0 or >= 1_000_000_000)
        {
            return -Errno.EINVAL;
        }

        // clock_nanosleep reports its error as the return value, not through errno.
        int error = Libc.clock_nanosleep(clock, flags & TimerAbsolute, wanted, left);
        if (error == 0)
        {
            return 0;
        }

        if (error == Errno.EINTR && remaining != 0 && (flags & TimerAbsolute) == 0)
        {
            WriteTimespec(remaining, left[0], left[1]);
        }

        return -Errno.FromHost(error);
    }

    private long Uname(ulong address)
    {
        string[] fields = ["Linux", Environment.MachineName, KernelRelease, KernelVersion, Machine, "(none)"];
        byte[] uts = new byte[fields.Length * UtsFieldLength];
        for (int i = 0; i < fields.Length; i++)
        {
            WriteFixedField(uts.AsSpan(i * UtsFieldLength, UtsFieldLength), fields[i]);
        }

        return _memory.TryWrite(address, uts) ? 0 : -Errno.EFAULT;
    }

    /// <summary>
    /// prctl(2) for the thread name, the kernel's comm: the program's file name until PR_SET_NAME sets up to 15 bytes of
    /// another; PR_GET_NAME copies out all 16 bytes, NUL-padded. Other options are reported once and refused with EINVAL.
    /// </summary>
    private long ProcessControl(int option, ulong address)
    {
        switch (option)
        {
            case PrSetName:
                var name = new byte[TaskCommLength];
                Span<byte> one = stackalloc byte[1];
                for (int i = 0; i < TaskCommLength - 1; i++)
                {
                    if (!_memory.TryRead(address + (ulong)i, one))
                    {
                        return -Errno.EFAULT;
                    }

                    if (one[0] == 0)
                    {
                        break;
                    }

                    name[i] = one[0];
                }

                _threadName = name;
                return 0;
            case PrGetName:
                return _memory.TryWrite(address, ThreadName) ? 0 : -Errno.EFAULT;
            default:
                if (_reported.Add(((long)SyscallNumber.Prctl << 32) | (uint)option))
                {
                    Diagnostics.WriteLine($"loongson-dbt: unsupported prctl option {option}");
                    Diagnostics.Flush();
                }

                return -Errno.EINVAL;
        }
    }

    private byte[] ThreadName => _threadName ??= CommName(Path.GetFileName(ExecutablePath));

    private static byte[] CommName(string fileName)
    {
        var name = new byte[TaskCommLength];
        WriteFixedField(name, fileName);
        return name;
    }

    /// <summary>A kernel's fixed-size string field (utsname, comm): the text cut to leave room for its NUL, zero-padded.</summary>
    private static void WriteFixedField(Span<byte> field, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        bytes.AsSpan(0, Math.Min(bytes.Length, field.Length - 1)).CopyTo(field);
    }

    private long Random(ulong address, ulong length, uint flags)
    {
        Span<byte> data = TransferBuffer(length);
        long result;
        fixed (byte* pointer = data)
        {
            result = Checked(Libc.getrandom(pointer, data.Length, flags));
        }

        return Deliver(address, data, result);
    }

    private long Times(ulong address)
    {
        long* tms = stackalloc long[4];
        long ticks = Checked(Libc.times(tms));
        if (ticks < 0 || address == 0)
        {
            return ticks;
        }

        // struct tms: four clock_t (long) counts, the same on both sides.
        return _memory.TryWrite(address, new ReadOnlySpan<byte>(tms, 32)) ? ticks : -Errno.EFAULT;
    }

    private long Affinity(int pid, ulong length, ulong address)
    {
        if (length < 8 || (length & 7) != 0)
        {
            return -Errno.EINVAL;
        }

        if (pid != 0 && pid != _pid)
        {
            return -Errno.ESRCH;
        }

        // The raw system call answers the bytes written: one 64-bit word of CPUs here.
        byte[] mask = new byte[8];
        fixed (byte* pointer = mask)
        {
            long result = Checked(Libc.sched_getaffinity(0, mask.Length, pointer));
            if (result < 0)
            {
                return result;
            }
        }

        return _memory.TryWrite(address, mask) ? mask.Length : -Errno.EFAULT;
    }

    private static long Priority(int which, uint who)
    {
        Marshal.SetLastPInvokeError(0);
        int nice = Libc.getpriority(which, who);
        int error = Marshal.GetLastPInvokeError();

        // The system call answers 20 - nice so that it never looks like an error; the libc wrapper undoes that.
        return nice == -1 && error != 0 ? -Errno.FromHost(error) : 20 - nice;
    }

    private long ResourceLimit(int pid, int resource, ulong newLimit, ulong oldLimit)
    {
        if (pid != 0 && pid != _pid)
        {
            return -Errno.ESRCH;
        }

        if (resource is < 0 or >= ResourceLimits)
        {
            return -Errno.EINVAL;
        }

        if (oldLimit != 0)
        {
            Limit? current = _limits[resource];
            if (current is null)
            {
                long* host = stackalloc long[2];
                long result = Checked(Libc.prlimit(0, HostResource(resource), null, host));
                if (result < 0)
                {
                    return result;
                }

                current = new Limit((ulong)host[0], (ulong)host[1]);
            }

            if (!TryWriteUInt64(oldLimit, current.Soft) || !TryWriteUInt64(oldLimit + 8, current.Hard))
            {
                return -Errno.EFAULT;
            }
        }

        if (newLimit != 0)
        {
            if (!TryReadUInt64(newLimit, out ulong soft) || !TryReadUInt64(newLimit + 8, out ulong hard))
            {
                return -Errno.EFAULT;
            }

            if (soft > hard)
            {
                return -Errno.EINVAL;
            }

            _limits[resource] = new Limit(soft, hard);
        }

        return 0;
    }

    private sealed record Limit(ulong Soft, ulong Hard);

    /// <summary>The host's number of a MIPS RLIMIT_*: NOFILE, AS, RSS, NPROC and MEMLOCK are numbered differently.</summary>
    private static int HostResource(int resource) => resource switch
    {
        5 => 7,
        6 => 9,
        7 => 5,
        8 => 6,
        9 => 8,
        _ => resource,
    };
}
