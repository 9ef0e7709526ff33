using LoongsonDbt.Devices.Interrupts;
using LoongsonDbt.Runtime.Interrupts;
using LoongsonDbt.Runtime.Memory;

namespace LoongsonDbt.Devices.Rtc;

/// <summary>
/// The Goldfish real-time clock as QEMU models it (PLATFORM.md §7.2): time in nanoseconds since 1970 UTC
/// read low half first (which latches the high half), an alarm that sets a pending interrupt when the
/// clock reaches it, and an IRQ output (LIOINTC input 1) at level pending AND enabled. Debian's kernel has
/// no driver for it, but the device is on the board and answers like QEMU's.
/// <para>
/// The device's time is the injected clock plus an offset that guest writes to TIME_LOW/TIME_HIGH adjust.
/// An armed alarm has a deadline on the injected clock, fixed when it is armed (as QEMU fixes its timer's
/// expiry); a host timer wakes up then and raises the interrupt once the clock has really got there.
/// </para>
/// </summary>
public sealed class GoldfishRtc : IMmioDevice, IDisposable
{
    /// <summary>Bytes the register window spans (QEMU's region; the device tree says 0x1000).</summary>
    public const int WindowSize = 0x24;

    private const int TimeLow = 0x00;
    private const int TimeHigh = 0x04;
    private const int AlarmLow = 0x08;
    private const int AlarmHigh = 0x0C;
    private const int IrqEnabled = 0x10;
    private const int ClearAlarm = 0x14;
    private const int AlarmStatus = 0x18;
    private const int ClearInterrupt = 0x1C;

    private const long NanosecondsPerMillisecond = 1_000_000;

    /// <summary>Longest single host-timer wait; a later deadline is reached in several waits.</summary>
    private const long MaxTimerMilliseconds = uint.MaxValue - 1;

    private readonly Lock _lock = new();
    private readonly Func<long> _clock;
    private readonly InterruptOutputs _interrupt;
    private readonly Timer _timer;

    private long _offset;
    private uint _latchedTimeHigh;
    private ulong _alarm;
    private long _alarmDeadline;
    private bool _alarmRunning;
    private bool _interruptPending;
    private bool _interruptEnabled;
    private bool _disposed;

    /// <param name="interrupt">The IRQ output (LIOINTC input 1 on this board).</param>
    /// <param name="clock">Nanoseconds since 1970 UTC; the host's wall clock when omitted.</param>
    public GoldfishRtc(InterruptLine interrupt, Func<long>? clock = null)
    {
        _clock = clock ?? HostWallClock;
        _interrupt = new InterruptOutputs([interrupt], SampleInterruptLevel);
        _timer = new Timer(_ => OnTimer());
    }

    /// <summary>Cancels the alarm and disables and clears the interrupt (machine reset); the time runs on.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            CancelAlarm();
            _alarm = 0;
            _interruptPending = false;
            _interruptEnabled = false;
        }

        _interrupt.Update();
    }

    /// <summary>Registers are 32 bits; any other size, or an unaligned access, is a bus error as in QEMU.</summary>
    public bool TryRead(ulong offset, int size, out ulong value)
    {
        value = 0;
        if (!IsValidAccess(offset, size))
        {
            return false;
        }

        lock (_lock)
        {
            value = (int)offset switch
            {
                TimeLow => ReadTimeLow(),
                TimeHigh => _latchedTimeHigh,
                AlarmLow => (uint)_alarm,
                AlarmHigh => (uint)(_alarm >> 32),
                IrqEnabled => _interruptEnabled ? 1u : 0u,
                AlarmStatus => _alarmRunning ? 1u : 0u,
                _ => 0u,
            };
        }

        return true;
    }

    public bool TryWrite(ulong offset, int size, ulong value)
    {
        if (!IsValidAccess(offset, size))
        {
            return false;
        }

        uint word = (uint)value;
        lock (_lock)
        {
            switch ((int)offset)
            {
                case TimeLow:
                    SetTime((Now & ~0xFFFF_FFFFUL) | word);
                    break;
                case TimeHigh:
                    SetTime((Now & 0xFFFF_FFFFUL) | ((ulong)word << 32));
                    break;
                case AlarmLow:
                    _alarm = (_alarm & ~0xFFFF_FFFFUL) | word;
                    ArmAlarm();
                    break;
                case AlarmHigh:
                    _alarm = (_alarm & 0xFFFF_FFFFUL) | ((ulong)word << 32);
                    break;
                case IrqEnabled:
                    _interruptEnabled = (word & 1) != 0;
                    break;
                case ClearAlarm:
                    CancelAlarm();
                    break;
                case ClearInterrupt:
                    _interruptPending = false;
                    break;
            }
        }

        _interrupt.Update();
        return true;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }

    private static long HostWallClock() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * TimeSpan.NanosecondsPerTick;

    private static bool IsValidAccess(ulong offset, int size) => size == 4 && offset % 4 == 0 && offset < WindowSize;

    private ulong Now => (ulong)(_clock() + _offset);

    private uint ReadTimeLow()
    {
        ulong now = Now;
        _latchedTimeHigh = (uint)(now >> 32);
        return (uint)now;
    }

    private void SetTime(ulong time) => _offset += (long)(time - Now);

    /// <summary>An alarm at or before the current time fires at once and leaves nothing armed.</summary>
    private void ArmAlarm()
    {
        ulong now = Now;
        if (_alarm <= now)
        {
            CancelAlarm();
            _interruptPending = true;
            return;
        }

        _alarmRunning = true;
        _alarmDeadline = (long)_alarm - _offset;
        StartTimer(_alarmDeadline - _clock());
    }

    private void CancelAlarm()
    {
        _alarmRunning = false;
        if (!_disposed)
        {
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
        }
    }

    private void StartTimer(long nanoseconds)
    {
        long milliseconds = Math.Clamp((nanoseconds + NanosecondsPerMillisecond - 1) / NanosecondsPerMillisecond, 0, MaxTimerMilliseconds);
        if (!_disposed)
        {
            _timer.Change(milliseconds, Timeout.Infinite);
        }
    }

    /// <summary>
    /// Host timers may wake early, or the injected clock may run slower than the host's: until the clock
    /// reaches the deadline the timer is simply started again for the rest.
    /// </summary>
    private void OnTimer()
    {
        lock (_lock)
        {
            if (!_alarmRunning)
            {
                return;
            }

            long remaining = _alarmDeadline - _clock();
            if (remaining > 0)
            {
                StartTimer(remaining);
                return;
            }

            _alarmRunning = false;
            _interruptPending = true;
        }

        _interrupt.Update();
    }

    private uint SampleInterruptLevel()
    {
        lock (_lock)
        {
            return _interruptPending && _interruptEnabled ? 1u : 0u;
        }
    }
}
