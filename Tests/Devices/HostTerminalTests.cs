using System.IO.Pipes;
using LoongsonDbt.Cli.Terminal;

namespace LoongsonDbt.Tests.Devices;

/// <summary>The console's host side on pipes (scripted input and captured output) and on a real pseudo-terminal.</summary>
[TestFixture]
public sealed class HostTerminalTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Test]
    public void PipedInputIsDeliveredVerbatimAndEndOfFileJustStopsReading()
    {
        using var input = new AnonymousPipeServerStream(PipeDirection.Out);
        using var terminal = new HostTerminal(inputFd: Descriptor(input.ClientSafePipeHandle));
        var received = new List<byte>();
        bool quit = false;
        terminal.QuitRequested += () => quit = true;

        terminal.Start(bytes =>
        {
            lock (received)
            {
                received.AddRange(bytes.ToArray());
            }
        });
        byte[] script = [.. "echo \u0001x \u0001\u0001 hi\n"u8, .. Enumerable.Range(0, 10_000).Select(i => (byte)i)];
        input.Write(script);
        input.Close();

        Assert.That(() => { lock (received) { return received.Count; } }, Is.EqualTo(script.Length).After((int)s_timeout.TotalMilliseconds, 10));
        Assert.That(received, Is.EqualTo(script), "no escape processing on a pipe");
        Assert.That(terminal.IsInteractive, Is.False);
        Assert.That(quit, Is.False, "end of input is not a request to quit");
    }

    [Test]
    public void OutputIsWrittenWithoutWaitingForANewline()
    {
        using var output = new AnonymousPipeServerStream(PipeDirection.In);
        using var terminal = new HostTerminal(outputFd: Descriptor(output.ClientSafePipeHandle));

        foreach (byte character in "login: "u8)
        {
            terminal.Write(character);
        }

        Assert.That(ReadExactly(output, 7), Is.EqualTo("login: "u8.ToArray()));
    }

    [Test]
    public void DisposingWritesOutQueuedOutput()
    {
        using var output = new AnonymousPipeServerStream(PipeDirection.In);
        byte[] burst = [.. Enumerable.Range(0, 200_000).Select(i => (byte)(i % 251))];
        var terminal = new HostTerminal(outputFd: Descriptor(output.ClientSafePipeHandle));
        Task<byte[]> reading = Task.Run(() => ReadExactly(output, burst.Length));

        foreach (byte value in burst)
        {
            terminal.Write(value);
        }

        terminal.Dispose();
        Assert.That(reading.Wait(s_timeout), Is.True);
        Assert.That(reading.Result, Is.EqualTo(burst));
    }

    [Test]
    public void InteractiveTerminalIsRawUntilDisposedAndHonoursEscapes()
    {
        using PseudoTerminal? pty = PseudoTerminal.TryOpen();
        if (pty is null)
        {
            Assert.Ignore("no pseudo-terminals on this host");
        }

        byte[] cooked = pty.GetAttributes();
        var terminal = new HostTerminal(inputFd: pty.Terminal, outputFd: pty.Terminal);
        var received = new List<byte>();
        using var quit = new ManualResetEventSlim();
        terminal.QuitRequested += quit.Set;
        terminal.Start(bytes =>
        {
            lock (received)
            {
                received.AddRange(bytes.ToArray());
            }
        });

        byte[] raw = pty.GetAttributes();
        uint localFlags = BitConverter.ToUInt32(raw, PseudoTerminal.LocalFlagsOffset);
        uint outputFlags = BitConverter.ToUInt32(raw, PseudoTerminal.OutputFlagsOffset);
        Assert.That(terminal.IsInteractive, Is.True);
        Assert.That(localFlags & (PseudoTerminal.Canonical | PseudoTerminal.Echo), Is.Zero, "no line editing, no echo");
        Assert.That(outputFlags & PseudoTerminal.OutputPostProcessing, Is.Not.Zero, "output processing kept, as QEMU does");

        pty.Type("ab\u0003\u0001\u0001c\u0001x"u8);
        Assert.That(quit.Wait(s_timeout), Is.True, "Ctrl-A x");
        lock (received)
        {
            Assert.That(received, Is.EqualTo("ab\u0003\u0001c"u8.ToArray()), "Ctrl-C is the guest's; Ctrl-A Ctrl-A is one Ctrl-A");
        }

        terminal.Dispose();
        Assert.That(pty.GetAttributes(), Is.EqualTo(cooked), "settings restored");
    }

    private static int Descriptor(Microsoft.Win32.SafeHandles.SafePipeHandle handle) => (int)handle.DangerousGetHandle();

    private static byte[] ReadExactly(Stream stream, int count)
    {
        byte[] buffer = new byte[count];
        using var cancel = new CancellationTokenSource(s_timeout);
        stream.ReadExactlyAsync(buffer, cancel.Token).AsTask().Wait(cancel.Token);
        return buffer;
    }
}
