using System.Runtime.InteropServices;

namespace LoongsonDbt.Tests.Devices;

/// <summary>A pseudo-terminal pair, so console tests can give the emulator a real terminal to drive.</summary>
public sealed unsafe partial class PseudoTerminal : IDisposable
{
    public const int TermiosSize = 64;
    public const int LocalFlagsOffset = 12;
    public const int OutputFlagsOffset = 4;
    public const uint Canonical = 0x2;
    public const uint Echo = 0x8;
    public const uint OutputPostProcessing = 0x1;

    private const int ReadWrite = 0x2;
    private const int NoControllingTerminal = 0x100;
    private const string Library = "libc.so.6";

    private PseudoTerminal(int master, int terminal)
    {
        Master = master;
        Terminal = terminal;
    }

    /// <summary>The side a user's terminal emulator would hold: what is written here is "typed".</summary>
    public int Master { get; }

    /// <summary>The terminal device the emulator gets as its stdin.</summary>
    public int Terminal { get; }

    /// <summary>A new pair, or null where the host has no pseudo-terminals.</summary>
    public static PseudoTerminal? TryOpen()
    {
        int master = posix_openpt(ReadWrite | NoControllingTerminal);
        if (master < 0)
        {
            return null;
        }

        byte* name = stackalloc byte[256];
        if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, name, 256) != 0)
        {
            close(master);
            return null;
        }

        int terminal = open(name, ReadWrite | NoControllingTerminal);
        if (terminal < 0)
        {
            close(master);
            return null;
        }

        return new PseudoTerminal(master, terminal);
    }

    public byte[] GetAttributes()
    {
        byte[] termios = new byte[TermiosSize];
        fixed (byte* buffer = termios)
        {
            Assert.That(tcgetattr(Terminal, buffer), Is.Zero);
        }

        return termios;
    }

    public void Type(ReadOnlySpan<byte> keys)
    {
        fixed (byte* buffer = keys)
        {
            Assert.That(write(Master, buffer, keys.Length), Is.EqualTo((nint)keys.Length));
        }
    }

    public void Dispose()
    {
        close(Terminal);
        close(Master);
    }

    [LibraryImport(Library)]
    private static partial int posix_openpt(int flags);

    [LibraryImport(Library)]
    private static partial int grantpt(int fd);

    [LibraryImport(Library)]
    private static partial int unlockpt(int fd);

    [LibraryImport(Library)]
    private static partial int ptsname_r(int fd, byte* buffer, nuint length);

    [LibraryImport(Library)]
    private static partial int open(byte* path, int flags);

    [LibraryImport(Library)]
    private static partial int close(int fd);

    [LibraryImport(Library)]
    private static partial int tcgetattr(int fd, byte* termios);

    [LibraryImport(Library)]
    private static partial nint write(int fd, byte* buffer, nint count);
}
