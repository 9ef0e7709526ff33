using System.Runtime.InteropServices;

namespace LoongsonDbt.Cli.Terminal;

/// <summary>
/// The host C library calls behind the console: the terminal is driven through file descriptors and
/// termios directly, because .NET's Console would buffer input by lines and may reconfigure the terminal
/// itself. errno comes through <see cref="Marshal.GetLastPInvokeError"/>.
/// </summary>
internal static unsafe partial class TerminalLibc
{
    /// <summary>Room for glibc's struct termios (60 bytes on Linux's 64-bit ABIs), handled as an opaque blob.</summary>
    public const int TermiosSize = 64;

    /// <summary>c_oflag's byte offset in struct termios, and its OPOST bit.</summary>
    public const int OutputFlagsOffset = 4;
    public const uint OutputPostProcessing = 0x1;

    public const int SetAttributesNow = 0;
    public const short PollIn = 0x1;
    public const short PollOut = 0x4;
    public const int Interrupted = 4;
    public const int WouldBlock = 11;

    private const string Library = "libc.so.6";

    [LibraryImport(Library)]
    public static partial int isatty(int fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int tcgetattr(int fd, byte* termios);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int tcsetattr(int fd, int optionalActions, byte* termios);

    [LibraryImport(Library)]
    public static partial void cfmakeraw(byte* termios);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint read(int fd, byte* buffer, nint count);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint write(int fd, byte* buffer, nint count);

    /// <summary>poll(2) on a single descriptor (struct pollfd is int fd, short events, short revents).</summary>
    [LibraryImport(Library, SetLastError = true)]
    public static partial int poll(long* pollFd, nuint count, int timeoutMilliseconds);

    /// <summary>Waits until <paramref name="fd"/> is ready for <paramref name="events"/> (a descriptor left non-blocking by our parent).</summary>
    public static void WaitReady(int fd, short events)
    {
        long pollFd = (uint)fd | ((long)(ushort)events << 32);
        poll(&pollFd, 1, -1);
    }

    /// <summary>Reads what is available, waiting for at least one byte; 0 at end of file, -1 on an error.</summary>
    public static int ReadSome(int fd, Span<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            while (true)
            {
                nint count = read(fd, start, buffer.Length);
                if (count >= 0)
                {
                    return (int)count;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno == WouldBlock)
                {
                    WaitReady(fd, PollIn);
                }
                else if (errno != Interrupted)
                {
                    return -1;
                }
            }
        }
    }

    /// <summary>Writes all of <paramref name="bytes"/>; false once the descriptor fails (e.g. a closed pipe).</summary>
    public static bool WriteAll(int fd, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            int done = 0;
            while (done < bytes.Length)
            {
                nint written = write(fd, start + done, bytes.Length - done);
                if (written >= 0)
                {
                    done += (int)written;
                    continue;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno == WouldBlock)
                {
                    WaitReady(fd, PollOut);
                }
                else if (errno != Interrupted)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
