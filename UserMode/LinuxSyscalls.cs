using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Runtime.Memory;

namespace LoongsonDbt.UserMode;

/// <summary>
/// The Linux n64 system calls a static busybox or glibc program makes, served on the host: v0 holds the
/// number, a0–a5 ($4–$9) the arguments; the result goes to v0 with a3 = 0, or the positive errno with a3 = 1.
/// Guest mistakes (bad pointers, bad descriptors) come back as errno values, never as .NET exceptions.
/// </summary>
public sealed unsafe partial class LinuxSyscalls
{
    private const int MaxErrno = 4095;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtRemoveDir = 0x200;
    private const int AtEmptyPath = 0x1000;

    private readonly AddressSpace _memory;
    private readonly FileTable _files;
    private readonly SignalState _signals;
    private readonly TextWriter? _diagnostics;
    private readonly HashSet<long> _reported = [];
    private readonly int _pid = Libc.getpid();

    public LinuxSyscalls(AddressSpace memory, FileTable files, SignalState signals, ulong programBreak,
        string executablePath, TextWriter? diagnostics)
    {
        _memory = memory;
        _files = files;
        _signals = signals;
        _diagnostics = diagnostics;
        _brkStart = programBreak;
        _brk = programBreak;
        ExecutablePath = executablePath;
    }

    /// <summary>Where emulator messages go; the host's stderr, opened only when there is one to write (about 7 ms at start).</summary>
    private TextWriter Diagnostics => _diagnostics ?? Console.Error;

    /// <summary>The absolute guest program path, which /proc/self/exe names.</summary>
    public string ExecutablePath { get; }

    /// <summary>Set once the guest called exit or exit_group: the low 8 bits of its status.</summary>
    public int? ExitStatus { get; private set; }

    /// <summary>The address set_tid_address registered (cleared and woken at thread exit, when threads exist).</summary>
    public ulong ClearChildTid { get; private set; }

    /// <summary>Serves the system call <c>state</c> describes and writes its result to v0/a3.</summary>
    public SyscallCompletion Dispatch(CpuState* state)
    {
        long number = (long)state->Gpr[2];
        ulong a0 = state->Gpr[4], a1 = state->Gpr[5], a2 = state->Gpr[6], a3 = state->Gpr[7], a4 = state->Gpr[8], a5 = state->Gpr[9];
        switch ((SyscallNumber)number)
        {
            case SyscallNumber.RtSigreturn:
                return _signals.Return(state) ? SyscallCompletion.SignalReturned : SyscallCompletion.BadSignalFrame;
            case SyscallNumber.Exit:
            case SyscallNumber.ExitGroup:
                ExitStatus = (int)(a0 & 0xff);
                return SyscallCompletion.Exited;
        }

        long result = Invoke(state, number, a0, a1, a2, a3, a4, a5);
        if (result < 0 && result >= -MaxErrno)
        {
            state->Gpr[2] = (ulong)-result;
            state->Gpr[7] = 1;
        }
        else
        {
            state->Gpr[2] = (ulong)result;
            state->Gpr[7] = 0;
        }

        return SyscallCompletion.Returned;
    }

    private long Invoke(CpuState* state, long number, ulong a0, ulong a1, ulong a2, ulong a3, ulong a4, ulong a5) =>
        (SyscallNumber)number switch
        {
            SyscallNumber.Read => Read((int)a0, a1, a2),
            SyscallNumber.Write => Write((int)a0, a1, a2),
            SyscallNumber.Pread64 => PositionalRead((int)a0, a1, a2, (long)a3),
            SyscallNumber.Pwrite64 => PositionalWrite((int)a0, a1, a2, (long)a3),
            SyscallNumber.Readv => ReadVector((int)a0, a1, a2),
            SyscallNumber.Writev => WriteVector((int)a0, a1, a2),
            SyscallNumber.Open => Open(Libc.AtFdCwd, a0, (int)a1, (uint)a2),
            SyscallNumber.Openat => Open((int)a0, a1, (int)a2, (uint)a3),
            SyscallNumber.Creat => Open(Libc.AtFdCwd, a0, OpenFlags.GuestCreat | OpenFlags.GuestTrunc | OpenFlags.GuestWriteOnly, (uint)a1),
            SyscallNumber.Close => _files.Close((int)a0),
            SyscallNumber.Lseek => Seek((int)a0, (long)a1, (int)a2),
            SyscallNumber.Stat => Stat(Libc.AtFdCwd, a0, a1, 0),
            SyscallNumber.Lstat => Stat(Libc.AtFdCwd, a0, a1, AtSymlinkNoFollow),
            SyscallNumber.Fstat => FileStat((int)a0, a1),
            SyscallNumber.Newfstatat => Stat((int)a0, a1, a2, (int)a3),
            SyscallNumber.Statx => Statx((int)a0, a1, (int)a2, (uint)a3, a4),
            SyscallNumber.Getdents64 => DirectoryEntries((int)a0, a1, a2),
            SyscallNumber.Readlink => ReadLink(Libc.AtFdCwd, a0, a1, a2),
            SyscallNumber.Readlinkat => ReadLink((int)a0, a1, a2, a3),
            SyscallNumber.Access => PathCall(Libc.AtFdCwd, a0, (dir, path) => Libc.faccessat(dir, path, (int)a1, 0)),
            SyscallNumber.Faccessat => PathCall((int)a0, a1, (dir, path) => Libc.faccessat(dir, path, (int)a2, 0)),
            SyscallNumber.Faccessat2 => PathCall((int)a0, a1, (dir, path) => Libc.faccessat(dir, path, (int)a2, (int)a3)),
            SyscallNumber.Mkdir => PathCall(Libc.AtFdCwd, a0, (dir, path) => Libc.mkdirat(dir, path, (uint)a1)),
            SyscallNumber.Mkdirat => PathCall((int)a0, a1, (dir, path) => Libc.mkdirat(dir, path, (uint)a2)),
            SyscallNumber.Unlink => PathCall(Libc.AtFdCwd, a0, (dir, path) => Libc.unlinkat(dir, path, 0)),
            SyscallNumber.Rmdir => PathCall(Libc.AtFdCwd, a0, (dir, path) => Libc.unlinkat(dir, path, AtRemoveDir)),
            SyscallNumber.Unlinkat => PathCall((int)a0, a1, (dir, path) => Libc.unlinkat(dir, path, (int)a2)),
            SyscallNumber.Rename => Rename(Libc.AtFdCwd, a0, Libc.AtFdCwd, a1, 0),
            SyscallNumber.Renameat => Rename((int)a0, a1, (int)a2, a3, 0),
            SyscallNumber.Renameat2 => Rename((int)a0, a1, (int)a2, a3, (uint)a4),
            SyscallNumber.Chmod => PathCall(Libc.AtFdCwd, a0, (dir, path) => Libc.fchmodat(dir, path, (uint)a1, 0)),
            SyscallNumber.Fchmodat => PathCall((int)a0, a1, (dir, path) => Libc.fchmodat(dir, path, (uint)a2, 0)),
            SyscallNumber.Fchmod => FdCall((int)a0, fd => Libc.fchmod(fd, (uint)a1)),
            SyscallNumber.Ftruncate => FdCall((int)a0, fd => Libc.ftruncate(fd, (long)a1)),
            SyscallNumber.Fsync => FdCall((int)a0, Libc.fsync),
            SyscallNumber.Fdatasync => FdCall((int)a0, Libc.fdatasync),
            SyscallNumber.Fchdir => FdCall((int)a0, Libc.fchdir),
            SyscallNumber.Chdir => PathCall(Libc.AtFdCwd, a0, (_, path) => Libc.chdir(path)),
            SyscallNumber.Getcwd => GetCurrentDirectory(a0, a1),
            SyscallNumber.Umask => Libc.umask((uint)a0 & 0x1ff),
            SyscallNumber.Dup => Duplicate((int)a0, 0, closeOnExec: false),
            SyscallNumber.Dup2 => Duplicate2((int)a0, (int)a1, 0, sameIsError: false),
            SyscallNumber.Dup3 => Duplicate2((int)a0, (int)a1, (int)a2, sameIsError: true),
            SyscallNumber.Fcntl => Control((int)a0, (int)a1, a2),
            SyscallNumber.Pipe2 => Pipe(a0, (int)a1),
            SyscallNumber.Ioctl => InputOutputControl((int)a0, a1, a2),
            SyscallNumber.Mmap => MapMemory(a0, a1, (int)a2, (int)a3, (int)a4, a5),
            SyscallNumber.Munmap => UnmapMemory(a0, a1),
            SyscallNumber.Mprotect => ProtectMemory(a0, a1, (int)a2),
            SyscallNumber.Mremap => RemapMemory(a0, a1, a2),
            SyscallNumber.Madvise => Advise(a0, a1, (int)a2),
            SyscallNumber.Brk => Break(a0),
            SyscallNumber.ClockGettime => ClockCall(a1, t => Libc.clock_gettime((int)a0, t)),
            SyscallNumber.ClockGetres => a1 == 0 ? Checked(Libc.clock_getres((int)a0, null)) : ClockCall(a1, t => Libc.clock_getres((int)a0, t)),
            SyscallNumber.Gettimeofday => TimeOfDay(a0, a1),
            SyscallNumber.Nanosleep => Sleep(a0, a1),
            SyscallNumber.ClockNanosleep => ClockSleep((int)a0, (int)a1, a2, a3),
            SyscallNumber.Uname => Uname(a0),
            SyscallNumber.Prctl => ProcessControl((int)a0, a1),
            SyscallNumber.Getrandom => Random(a0, a1, (uint)a2),
            SyscallNumber.Sysinfo => HostStruct(a0, 112, b => Libc.sysinfo(b)),
            SyscallNumber.Times => Times(a0),
            SyscallNumber.Getpid or SyscallNumber.Gettid => _pid,
            SyscallNumber.Getppid => Libc.getppid(),
            SyscallNumber.Getuid => Libc.getuid(),
            SyscallNumber.Geteuid => Libc.geteuid(),
            SyscallNumber.Getgid => Libc.getgid(),
            SyscallNumber.Getegid => Libc.getegid(),
            SyscallNumber.SetTidAddress => SetTidAddress(a0),
            SyscallNumber.SetThreadArea => SetThreadArea(state, a0),
            SyscallNumber.SchedYield => 0,
            SyscallNumber.SchedGetaffinity => Affinity((int)a0, a1, a2),
            SyscallNumber.Getpriority => Priority((int)a0, (uint)a1),
            SyscallNumber.Prlimit64 => ResourceLimit((int)a0, (int)a1, a2, a3),
            SyscallNumber.Getrlimit => ResourceLimit(0, (int)a0, 0, a1),
            SyscallNumber.Setrlimit => ResourceLimit(0, (int)a0, a1, 0),
            SyscallNumber.RtSigaction => ChangeSignalAction((int)a0, a1, a2, a3),
            SyscallNumber.RtSigprocmask => SignalMask((int)a0, a1, a2, a3),
            SyscallNumber.Sigaltstack => AlternateStack(state, a0, a1),
            SyscallNumber.Kill => Kill((int)a0, (int)a1, SignalState.SiUser),
            SyscallNumber.Tgkill => (int)a0 == _pid ? Kill((int)a1, (int)a2, SignalState.SiTkill) : -Errno.ESRCH,
            SyscallNumber.Tkill => Kill((int)a0, (int)a1, SignalState.SiTkill),

            // Deliberately absent, as on kernels without them: glibc falls back or does without.
            SyscallNumber.SetRobustList or SyscallNumber.Rseq => -Errno.ENOSYS,
            _ => Unsupported(number),
        };

    private long Unsupported(long number)
    {
        if (_reported.Add(number))
        {
            string name = Enum.IsDefined((SyscallNumber)number) ? SnakeCase(((SyscallNumber)number).ToString()) : "unknown";
            Diagnostics.WriteLine($"loongson-dbt: unsupported syscall {number} ({name})");
            Diagnostics.Flush();
        }

        return -Errno.ENOSYS;
    }

    private static string SnakeCase(string pascal)
    {
        var builder = new StringBuilder();
        foreach (char c in pascal)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private delegate long BufferOperation(byte* buffer);

    private delegate int PathOperation(int hostDirFd, byte* path);

    private delegate int TimeOperation(long* timespec);

    /// <summary>A libc result: -1 becomes the translated -errno.</summary>
    private static long Checked(long result) => result == -1 ? -Errno.FromHost(Marshal.GetLastPInvokeError()) : result;

    private long SetTidAddress(ulong address)
    {
        ClearChildTid = address;
        return _pid;
    }

    private static long SetThreadArea(CpuState* state, ulong pointer)
    {
        state->UserLocal = pointer;
        return 0;
    }

    /// <summary>Copies a NUL-terminated guest string (with its NUL) or returns null for a bad pointer.</summary>
    private byte[]? ReadString(ulong address, int limit = 4096)
    {
        var bytes = new List<byte>();
        Span<byte> one = stackalloc byte[1];
        while (bytes.Count < limit)
        {
            if (!_memory.TryRead(address + (ulong)bytes.Count, one))
            {
                return null;
            }

            bytes.Add(one[0]);
            if (one[0] == 0)
            {
                return [.. bytes];
            }
        }

        return null;
    }

    private bool TryReadUInt64(ulong address, out ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        bool ok = _memory.TryRead(address, bytes);
        value = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return ok;
    }

    private bool TryWriteUInt64(ulong address, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return _memory.TryWrite(address, bytes);
    }

    /// <summary>Runs a host call that fills <paramref name="size"/> bytes, then copies them to the guest.</summary>
    private long HostStruct(ulong address, int size, BufferOperation call)
    {
        byte[] buffer = new byte[size];
        long result;
        fixed (byte* pointer = buffer)
        {
            result = Checked(call(pointer));
        }

        if (result < 0)
        {
            return result;
        }

        return _memory.TryWrite(address, buffer) ? result : -Errno.EFAULT;
    }
}
