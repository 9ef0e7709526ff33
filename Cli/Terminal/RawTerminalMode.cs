using System.Runtime.InteropServices;

namespace LoongsonDbt.Cli.Terminal;

/// <summary>
/// A terminal switched to raw mode for the guest's console: every key, Ctrl-C included, goes to the guest
/// as typed, with no echo or line editing by the host. Output post-processing stays on, as QEMU leaves
/// it. The saved settings come back on dispose, on SIGINT/SIGTERM and at process exit, so an emulator
/// that dies by a signal or exits without disposing does not leave the user's shell unusable.
/// </summary>
internal sealed unsafe class RawTerminalMode : IDisposable
{
    private readonly int _fd;
    private readonly byte[] _saved = new byte[TerminalLibc.TermiosSize];
    private readonly PosixSignalRegistration[] _signals;
    private int _restored;

    private RawTerminalMode(int fd)
    {
        _fd = fd;
        byte[] raw = new byte[TerminalLibc.TermiosSize];
        fixed (byte* saved = _saved)
        fixed (byte* settings = raw)
        {
            if (TerminalLibc.tcgetattr(fd, saved) != 0)
            {
                throw new IOException($"tcgetattr: errno {Marshal.GetLastPInvokeError()}");
            }

            _saved.CopyTo(raw, 0);
            TerminalLibc.cfmakeraw(settings);
            uint outputFlags = BitConverter.ToUInt32(raw, TerminalLibc.OutputFlagsOffset) | TerminalLibc.OutputPostProcessing;
            BitConverter.TryWriteBytes(raw.AsSpan(TerminalLibc.OutputFlagsOffset), outputFlags);
            if (TerminalLibc.tcsetattr(fd, TerminalLibc.SetAttributesNow, settings) != 0)
            {
                throw new IOException($"tcsetattr: errno {Marshal.GetLastPInvokeError()}");
            }
        }

        // Not cancelled: the signal's default action (terminating) still follows the restore.
        _signals =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => Restore()),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => Restore()),
        ];
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>Raw mode on <paramref name="fd"/>, or null when it is not a terminal (a pipe or a file).</summary>
    public static RawTerminalMode? TryEnter(int fd) => TerminalLibc.isatty(fd) == 1 ? new RawTerminalMode(fd) : null;

    public void Dispose()
    {
        Restore();
        foreach (PosixSignalRegistration signal in _signals)
        {
            signal.Dispose();
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
    }

    private void OnProcessExit(object? sender, EventArgs e) => Restore();

    private void Restore()
    {
        if (Interlocked.Exchange(ref _restored, 1) != 0)
        {
            return;
        }

        fixed (byte* saved = _saved)
        {
            TerminalLibc.tcsetattr(_fd, TerminalLibc.SetAttributesNow, saved);
        }
    }
}
