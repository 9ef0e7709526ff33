using System.Runtime.InteropServices;

namespace LoongsonDbt.Cli.Terminal;

/// <summary>
/// Connects the guest's serial console to this process's stdin and stdout. Guest output is handed to a
/// writer thread, so a vCPU never waits on the terminal and a burst goes out in few writes, yet every byte
/// is written as soon as the writer gets to it (a prompt without a newline shows at once). Input is read
/// by a background thread and delivered as it arrives.
/// <para>
/// On a terminal, input is switched to raw mode and QEMU's escape keys apply (<see cref="EscapeDecoder"/>):
/// Ctrl-A x raises <see cref="QuitRequested"/>. From a pipe or a file, bytes are delivered verbatim with no
/// escapes, and at end of file reading just stops; the machine keeps running.
/// </para>
/// </summary>
public sealed class HostTerminal : IDisposable
{
    private const int MessageFd = 2;
    private const int ReadChunk = 4096;

    /// <summary>How long disposing waits for output still queued to reach a slow or stuck stdout.</summary>
    private static readonly TimeSpan s_drainTimeout = TimeSpan.FromSeconds(2);

    private readonly int _inputFd;
    private readonly int _outputFd;
    private readonly Lock _outputLock = new();
    private readonly List<byte> _pendingOutput = [];
    private readonly SemaphoreSlim _outputReady = new(0);
    private readonly Thread _writer;
    private Thread? _reader;
    private RawTerminalMode? _rawMode;
    private bool _outputClosed;
    private volatile bool _disposed;

    /// <param name="inputFd">Where the guest's input comes from; stdin by default.</param>
    /// <param name="outputFd">Where the guest's output goes; stdout by default.</param>
    public HostTerminal(int inputFd = 0, int outputFd = 1)
    {
        _inputFd = inputFd;
        _outputFd = outputFd;
        _writer = new Thread(WriteOutput) { Name = "console output", IsBackground = true };
        _writer.Start();
    }

    /// <summary>Ctrl-A x was typed; raised on the input thread. The terminal keeps running until disposed.</summary>
    public event Action? QuitRequested;

    /// <summary>Whether input is an interactive terminal (raw mode and escape keys) rather than a pipe or file.</summary>
    public bool IsInteractive { get; private set; }

    /// <summary>
    /// Starts reading input and delivering it to <paramref name="deliver"/> (e.g. the UART's Receive) on a
    /// background thread. Called once, after <see cref="QuitRequested"/> has its handler.
    /// </summary>
    public void Start(Action<ReadOnlySpan<byte>> deliver)
    {
        if (_reader is not null)
        {
            throw new InvalidOperationException("The console input is already being read.");
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        _rawMode = RawTerminalMode.TryEnter(_inputFd);
        IsInteractive = _rawMode is not null;
        _reader = new Thread(() => ReadInput(deliver)) { Name = "console input", IsBackground = true };
        _reader.Start();
    }

    /// <summary>Queues one byte the guest transmitted; never blocks on the terminal.</summary>
    public void Write(byte value)
    {
        bool wake;
        lock (_outputLock)
        {
            if (_outputClosed)
            {
                return;
            }

            wake = _pendingOutput.Count == 0;
            _pendingOutput.Add(value);
        }

        if (wake)
        {
            _outputReady.Release();
        }
    }

    /// <summary>Writes out queued output, restores the terminal and stops delivering input.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_outputLock)
        {
            _outputClosed = true;
        }

        _outputReady.Release();
        _writer.Join(s_drainTimeout);
        _rawMode?.Dispose();
    }

    private void WriteOutput()
    {
        byte[] chunk = [];
        while (true)
        {
            _outputReady.Wait();
            int count;
            bool closing;
            lock (_outputLock)
            {
                count = _pendingOutput.Count;
                if (chunk.Length < count)
                {
                    chunk = new byte[Math.Max(count, chunk.Length * 2)];
                }

                CollectionsMarshal.AsSpan(_pendingOutput).CopyTo(chunk);
                _pendingOutput.Clear();
                closing = _outputClosed;
            }

            if (!TerminalLibc.WriteAll(_outputFd, chunk.AsSpan(0, count)))
            {
                // stdout is gone (say, a closed pipe): the guest's further output has nowhere to go.
                lock (_outputLock)
                {
                    _outputClosed = true;
                    _pendingOutput.Clear();
                }

                return;
            }

            if (closing)
            {
                return;
            }
        }
    }

    private void ReadInput(Action<ReadOnlySpan<byte>> deliver)
    {
        var escape = new EscapeDecoder();
        byte[] buffer = new byte[ReadChunk];
        byte[] forwarded = new byte[ReadChunk];
        while (true)
        {
            int count = TerminalLibc.ReadSome(_inputFd, buffer);
            if (count <= 0 || _disposed)
            {
                return;
            }

            if (!IsInteractive)
            {
                deliver(buffer.AsSpan(0, count));
                continue;
            }

            int kept = 0;
            foreach (byte input in buffer.AsSpan(0, count))
            {
                EscapeAction action = escape.Decode(input);
                switch (action)
                {
                    case EscapeAction.Forward:
                        forwarded[kept++] = input;
                        break;
                    case EscapeAction.Quit:
                        // What was typed before the escape reaches the guest before the escape acts.
                        DeliverKept();
                        QuitRequested?.Invoke();
                        break;
                    case EscapeAction.ShowHelp:
                        DeliverKept();
                        TerminalLibc.WriteAll(MessageFd, EscapeDecoder.Help);
                        break;
                }
            }

            DeliverKept();

            void DeliverKept()
            {
                if (kept > 0)
                {
                    deliver(forwarded.AsSpan(0, kept));
                    kept = 0;
                }
            }
        }
    }
}
