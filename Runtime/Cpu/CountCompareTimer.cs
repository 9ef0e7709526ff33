using System.Diagnostics;

namespace LoongsonDbt.Runtime.Cpu;

/// <summary>
/// CP0 Count and Compare: Count runs at 400 MHz of host time (the 3A1000's 800 MHz core clock
/// over CCRes 2, PLATFORM.md 5). The match is seen two ways: by <see cref="Poll"/> whenever the CPU
/// looks at Cause (Linux's c0_compare_int_usable wants the interrupt pending within 50 cycles of the
/// match), and by a host thread, so a guest spinning in translated code still gets its tick.
/// </summary>
public sealed class CountCompareTimer : IDisposable
{
    public const long Frequency = 400_000_000;

    private readonly Action _expired;
    private readonly Thread _thread;
    private readonly AutoResetEvent _rearm = new(false);
    private readonly Lock _lock = new();
    private long _offset;
    private uint _compare;
    private long _deadline = long.MaxValue;
    private volatile bool _disposed;

    public CountCompareTimer(Action expired)
    {
        _expired = expired;
        _offset = 1 - Now(); // Count is 1 at reset
        _thread = new Thread(Run) { IsBackground = true, Name = "loongson-dbt timer" };
        _thread.Start();
    }

    public uint Count
    {
        get => (uint)(Now() + Volatile.Read(ref _offset));
        set
        {
            lock (_lock)
            {
                _offset = value - Now();
                Arm();
            }
        }
    }

    public uint Compare
    {
        get => _compare;
        set
        {
            lock (_lock)
            {
                _compare = value;
                Arm();
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _rearm.Set();
        _thread.Join();
        _rearm.Dispose();
    }

    /// <summary>Count as a 64-bit number of 400 MHz cycles of host time.</summary>
    private static long Now() => (long)(Stopwatch.GetTimestamp() * ((double)Frequency / Stopwatch.Frequency));

    /// <summary>The next time the low 32 bits of Count equal Compare (at most 2^32 cycles away).</summary>
    private void Arm()
    {
        long now = Now();
        uint distance = _compare - (uint)(now + _offset);
        Volatile.Write(ref _deadline, now + (distance == 0 ? 1L << 32 : distance));
        _rearm.Set();
    }

    private void Run()
    {
        while (!_disposed)
        {
            long remaining = Volatile.Read(ref _deadline) - Now();
            if (remaining > 0)
            {
                // Host sleeps have millisecond grain: the interrupt may come up to a millisecond late, which
                // Linux's clockevents tolerate, rather than spinning a host core that the vCPU needs.
                long milliseconds = (remaining + (Frequency / 1000) - 1) / (Frequency / 1000);
                _rearm.WaitOne((int)Math.Min(milliseconds, int.MaxValue));
                continue;
            }

            Poll();
        }
    }

    /// <summary>Raises the expiry callback if Count has reached Compare since the last match; any thread.</summary>
    public void Poll()
    {
        if (Volatile.Read(ref _deadline) - Now() > 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_deadline - Now() > 0)
            {
                return;
            }

            _deadline += 1L << 32; // the next match is a full wrap later unless Compare is rewritten
        }

        _expired();
    }
}
