using LoongsonDbt.Devices.Rtc;

namespace LoongsonDbt.Tests.Devices;

/// <summary>The Goldfish RTC's registers and alarm as QEMU models them (PLATFORM.md §7.2), on a clock the test sets.</summary>
[TestFixture]
public sealed class GoldfishRtcTests
{
    private const ulong TimeLow = 0x00;
    private const ulong TimeHigh = 0x04;
    private const ulong AlarmLow = 0x08;
    private const ulong AlarmHigh = 0x0C;
    private const ulong IrqEnabled = 0x10;
    private const ulong ClearAlarm = 0x14;
    private const ulong AlarmStatus = 0x18;
    private const ulong ClearInterrupt = 0x1C;

    private const long Millisecond = 1_000_000;

    private long _now;
    private RecordingInterruptController _controller = null!;
    private GoldfishRtc _rtc = null!;

    private bool IrqAsserted => _controller.IsAsserted(1);

    [SetUp]
    public void CreateRtc()
    {
        _now = 0x1234_5678_9ABC_DEF0;
        _controller = new RecordingInterruptController();
        _rtc = new GoldfishRtc(_controller.Line(1), () => Interlocked.Read(ref _now));
    }

    [TearDown]
    public void DisposeRtc() => _rtc.Dispose();

    [Test]
    public void TimeIsReadLowHalfFirstWhichLatchesTheHighHalf()
    {
        Assert.That(_rtc.Read(TimeLow, 4), Is.EqualTo(0x9ABC_DEF0));
        Advance(0x1_0000_0000);
        Assert.That(_rtc.Read(TimeHigh, 4), Is.EqualTo(0x1234_5678), "latched by the TIME_LOW read");
        Assert.That(_rtc.Read(TimeLow, 4), Is.EqualTo(0x9ABC_DEF0));
        Assert.That(_rtc.Read(TimeHigh, 4), Is.EqualTo(0x1234_5679));
    }

    [Test]
    public void WritingTheTimeSetsTheDeviceClockWhichThenRunsOn()
    {
        _rtc.Write(TimeHigh, 0x0000_0001, 4);
        _rtc.Write(TimeLow, 0x0000_0010, 4);
        Advance(5);

        Assert.That(_rtc.Read(TimeLow, 4), Is.EqualTo(0x15));
        Assert.That(_rtc.Read(TimeHigh, 4), Is.EqualTo(1));
    }

    [Test]
    public void DefaultClockIsTheHostsWallClockInNanoseconds()
    {
        using var rtc = new GoldfishRtc(default);
        long expected = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * Millisecond;

        ulong low = rtc.Read(TimeLow, 4);
        ulong time = (rtc.Read(TimeHigh, 4) << 32) | low;

        Assert.That((long)time, Is.EqualTo(expected).Within(5_000 * Millisecond));
    }

    [Test]
    public void AlarmAlreadyPastFiresAtOnce()
    {
        _rtc.Write(IrqEnabled, 1, 4);
        _rtc.Write(AlarmHigh, 0x1234_5678, 4);
        _rtc.Write(AlarmLow, 0x9ABC_DEF0, 4);

        Assert.That(IrqAsserted, Is.True);
        Assert.That(_rtc.Read(AlarmStatus, 4), Is.Zero, "nothing left armed");
        Assert.That(_rtc.Read(AlarmLow, 4), Is.EqualTo(0x9ABC_DEF0));
        Assert.That(_rtc.Read(AlarmHigh, 4), Is.EqualTo(0x1234_5678));

        _rtc.Write(ClearInterrupt, 0, 4);
        Assert.That(IrqAsserted, Is.False);
    }

    [Test]
    public void AlarmFiresFromTheHostTimerOnceTheClockReachesIt()
    {
        _rtc.Write(IrqEnabled, 1, 4);
        ArmAlarm(_now + (20 * Millisecond));
        Assert.That(_rtc.Read(AlarmStatus, 4), Is.EqualTo(1));

        Thread.Sleep(200);
        Assert.That(IrqAsserted, Is.False, "the clock has not moved, so the alarm is not due");
        Assert.That(_rtc.Read(AlarmStatus, 4), Is.EqualTo(1));

        Advance(20 * Millisecond);
        Assert.That(() => IrqAsserted, Is.True.After(5).Seconds.PollEvery(5).MilliSeconds);
        Assert.That(_rtc.Read(AlarmStatus, 4), Is.Zero);
    }

    [Test]
    public void InterruptLevelIsPendingAndEnabled()
    {
        ArmAlarm(_now);
        Assert.That(IrqAsserted, Is.False, "pending but not enabled");

        _rtc.Write(IrqEnabled, 1, 4);
        Assert.That(IrqAsserted, Is.True);
        Assert.That(_rtc.Read(IrqEnabled, 4), Is.EqualTo(1));

        _rtc.Write(IrqEnabled, 0, 4);
        Assert.That(IrqAsserted, Is.False);
        _rtc.Write(IrqEnabled, 1, 4);
        Assert.That(IrqAsserted, Is.True, "still pending until CLEAR_INTERRUPT");
    }

    [Test]
    public void ClearAlarmCancelsAnArmedAlarm()
    {
        _rtc.Write(IrqEnabled, 1, 4);
        ArmAlarm(_now + (10 * Millisecond));

        _rtc.Write(ClearAlarm, 0, 4);
        Advance(1_000 * Millisecond);
        Thread.Sleep(100);

        Assert.That(_rtc.Read(AlarmStatus, 4), Is.Zero);
        Assert.That(IrqAsserted, Is.False);
    }

    [Test]
    public void ResetCancelsTheAlarmAndDropsTheInterrupt()
    {
        _rtc.Write(IrqEnabled, 1, 4);
        ArmAlarm(_now);
        Assert.That(IrqAsserted, Is.True);

        _rtc.Reset();

        Assert.That(IrqAsserted, Is.False);
        Assert.That(_rtc.Read(IrqEnabled, 4), Is.Zero);
        Assert.That(_rtc.Read(AlarmLow, 4), Is.Zero);
    }

    [Test]
    public void OnlyAligned32BitAccessesAreAccepted()
    {
        Assert.That(_rtc.TryRead(TimeLow, 1, out _), Is.False);
        Assert.That(_rtc.TryRead(TimeLow, 2, out _), Is.False);
        Assert.That(_rtc.TryRead(TimeLow, 8, out _), Is.False);
        Assert.That(_rtc.TryWrite(IrqEnabled, 1, 1), Is.False);
        Assert.That(_rtc.TryRead(TimeLow + 2, 4, out _), Is.False);
        Assert.That(_rtc.Read(IrqEnabled, 4), Is.Zero, "the refused write changed nothing");
        Assert.That(_rtc.Read(0x20, 4), Is.Zero, "unassigned register");
    }

    private void ArmAlarm(long time)
    {
        _rtc.Write(AlarmHigh, (ulong)time >> 32, 4);
        _rtc.Write(AlarmLow, (uint)time, 4);
    }

    private void Advance(long nanoseconds) => Interlocked.Add(ref _now, nanoseconds);
}
