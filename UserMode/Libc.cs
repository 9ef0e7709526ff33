using System.Runtime.InteropServices;

namespace LoongsonDbt.UserMode;

/// <summary>
/// The host C library calls behind the guest's system calls: POSIX semantics exactly, errno through
/// <see cref="Marshal.GetLastPInvokeError"/>. Paths are NUL-terminated bytes, as the guest passed them.
/// </summary>
internal static unsafe partial class Libc
{
    public const int AtFdCwd = -100;
    public const int OCloexec = 0x80000;
    public const int StatxBasicStats = 0x7ff;
    public const int StatxSize = 256;

    private const string Library = "libc.so.6";

    [LibraryImport(Library, SetLastError = true)]
    public static partial int openat(int dirfd, byte* path, int flags, uint mode);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint read(int fd, byte* buffer, nint count);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint write(int fd, byte* buffer, nint count);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint pread(int fd, byte* buffer, nint count, long offset);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint pwrite(int fd, byte* buffer, nint count, long offset);

    [LibraryImport(Library, SetLastError = true)]
    public static partial long lseek(int fd, long offset, int whence);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fcntl(int fd, int command, int argument);

    [LibraryImport(Library, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int fcntl(int fd, int command, void* argument);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int clock_nanosleep(int clock, int flags, long* request, long* remaining);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int pipe2(int* fds, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int ioctl(int fd, ulong request, void* argument);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int statx(int dirfd, byte* path, int flags, uint mask, byte* buffer);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint getdents64(int fd, byte* buffer, nint count);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint readlinkat(int dirfd, byte* path, byte* buffer, nint size);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int faccessat(int dirfd, byte* path, int mode, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int mkdirat(int dirfd, byte* path, uint mode);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int unlinkat(int dirfd, byte* path, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int renameat2(int olddirfd, byte* oldpath, int newdirfd, byte* newpath, uint flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fchmod(int fd, uint mode);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fchmodat(int dirfd, byte* path, uint mode, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int ftruncate(int fd, long length);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fsync(int fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fdatasync(int fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial byte* getcwd(byte* buffer, nint size);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int chdir(byte* path);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fchdir(int fd);

    [LibraryImport(Library)]
    public static partial uint umask(uint mask);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int clock_gettime(int clock, long* timespec);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int clock_getres(int clock, long* timespec);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int nanosleep(long* request, long* remaining);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint getrandom(byte* buffer, nint length, uint flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int sysinfo(byte* info);

    [LibraryImport(Library, SetLastError = true)]
    public static partial long times(long* buffer);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int sched_getaffinity(int pid, nint size, byte* mask);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int getpriority(int which, uint who);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int prlimit(int pid, int resource, long* newLimit, long* oldLimit);

    [LibraryImport(Library)]
    public static partial int getpid();

    [LibraryImport(Library)]
    public static partial int getppid();

    [LibraryImport(Library)]
    public static partial int gettid();

    [LibraryImport(Library)]
    public static partial uint getuid();

    [LibraryImport(Library)]
    public static partial uint geteuid();

    [LibraryImport(Library)]
    public static partial uint getgid();

    [LibraryImport(Library)]
    public static partial uint getegid();
}
