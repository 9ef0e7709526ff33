using LoongsonDbt.Devices.Interrupts;
using LoongsonDbt.Runtime.Interrupts;

namespace LoongsonDbt.Tests.Devices;

/// <summary>
/// LIOINTC with QEMU 7.2's semantics (PLATFORM.md §6.2), driven by the register writes Linux was traced
/// doing at init, at request_irq and in its handler.
/// </summary>
[TestFixture]
public sealed class LiointcTests
{
    private const ulong Status = 0x20;
    private const ulong Enable = 0x24;
    private const ulong EnableSet = 0x28;
    private const ulong EnableClear = 0x2C;
    private const ulong Polarity = 0x30;
    private const ulong Edge = 0x34;
    private const ulong Core0Status = 0x40;

    private const int UartInput = 0;
    private const int RtcInput = 1;

    /// <summary>Output index core * 4 + n; the recorder's input numbers are the output indices.</summary>
    private RecordingInterruptController _cpu = null!;
    private Liointc _liointc = null!;

    [SetUp]
    public void CreateController()
    {
        _cpu = new RecordingInterruptController();
        _liointc = new Liointc([.. Enumerable.Range(0, Liointc.OutputCount).Select(_cpu.Line)]);
    }

    [Test]
    public void UartInterruptReachesCore0Int0WithLinuxsRouting()
    {
        ReplayLinuxInit();
        ReplayUartRequestIrq();

        _liointc.SetInput(UartInput, true);

        Assert.That(_liointc.Read(Core0Status, 4), Is.EqualTo(0x1));
        Assert.That(_liointc.Read(Status, 4), Is.EqualTo(0x1));
        Assert.That(AssertedOutputs(), Is.EqualTo(new[] { 0 }), "core 0 INT0 only (CPU IP2)");

        // Linux's handler: mask, run the device handler (which drops the line), unmask.
        _liointc.Write(EnableClear, 0x1, 4);
        Assert.That(AssertedOutputs(), Is.Empty, "masked");
        Assert.That(_liointc.Read(Core0Status, 4), Is.Zero);
        _liointc.Write(EnableSet, 0x1, 4);
        Assert.That(AssertedOutputs(), Is.EqualTo(new[] { 0 }), "still pending: a level input");
        _liointc.SetInput(UartInput, false);
        Assert.That(AssertedOutputs(), Is.Empty);
        Assert.That(_liointc.Read(Core0Status, 4), Is.Zero);
    }

    [Test]
    public void RtcAndPciInputsReachCore0Int1()
    {
        ReplayLinuxInit();
        _liointc.Write(EnableSet, 0x3E, 4);

        _liointc.SetInput(RtcInput, true);
        Assert.That(AssertedOutputs(), Is.EqualTo(new[] { 1 }), "core 0 INT1 (CPU IP3)");
        _liointc.SetInput(4, true);
        Assert.That(_liointc.Read(Core0Status, 4), Is.EqualTo(0x12));
        _liointc.SetInput(RtcInput, false);
        Assert.That(AssertedOutputs(), Is.EqualTo(new[] { 1 }), "PCI INTx line 2 still pending");
        _liointc.SetInput(4, false);
        Assert.That(AssertedOutputs(), Is.Empty);
    }

    [Test]
    public void DisabledInputsArePendingNowhere()
    {
        ReplayLinuxInit();

        _liointc.SetInput(UartInput, true);

        Assert.That(_liointc.Read(Status, 4), Is.Zero, "ISR = pins AND enable");
        Assert.That(_liointc.Read(Core0Status, 4), Is.Zero);
        Assert.That(AssertedOutputs(), Is.Empty);
        _liointc.Write(EnableSet, 0x1, 4);
        Assert.That(_liointc.Read(Enable, 4), Is.EqualTo(0x1));
        Assert.That(AssertedOutputs(), Is.EqualTo(new[] { 0 }), "enabling a high input asserts at once");
    }

    [Test]
    public void PolarityAndEdgeAreNotImplementedAndInvertNothing()
    {
        ReplayLinuxInit();
        _liointc.Write(Polarity, 0xFFFF_FFFF, 4);
        _liointc.Write(Edge, 0xFFFF_FFFF, 4);
        _liointc.Write(EnableSet, 0x1, 4);

        Assert.That(_liointc.Read(Polarity, 4), Is.Zero);
        Assert.That(_liointc.Read(Edge, 4), Is.Zero);
        Assert.That(AssertedOutputs(), Is.Empty, "a low input stays not pending");
        _liointc.SetInput(UartInput, true);
        Assert.That(AssertedOutputs(), Is.EqualTo(new[] { 0 }));
    }

    [Test]
    public void RoutesSelectCoreAndLine()
    {
        _liointc.Write(0x03, 0x82, 1);
        _liointc.Write(EnableSet, 1 << 3, 4);

        _liointc.SetInput(3, true);

        Assert.That(_liointc.Read(0x03, 1), Is.EqualTo(0x82));
        Assert.That(AssertedOutputs(), Is.EqualTo(new[] { (1 * 4) + 3 }), "core 1 INT3");
        Assert.That(_liointc.Read(0x48, 4), Is.EqualTo(1u << 3), "core 1's ISR");
        Assert.That(_liointc.Read(Core0Status, 4), Is.Zero);
    }

    [Test]
    public void OutputCombinesAnyCoreMatchWithAnyLineMatchAsQemuDoes()
    {
        // Input 0 to core 0 INT0, input 1 to core 1 INT1: QEMU asserts every (core, line) pair whose core
        // has some pending input and whose line has some pending input, so core 0 INT1 and core 1 INT0 too.
        _liointc.Write(0x00, 0x11, 1);
        _liointc.Write(0x01, 0x22, 1);
        _liointc.Write(EnableSet, 0x3, 4);

        _liointc.SetInput(0, true);
        _liointc.SetInput(1, true);

        Assert.That(AssertedOutputs(), Is.EqualTo(new[] { 0, 1, 4, 5 }));
    }

    [Test]
    public void WritesToStatusWordsAreOverwrittenByTheInputs()
    {
        ReplayLinuxInit();
        _liointc.Write(EnableSet, 0x1, 4);

        _liointc.Write(Core0Status, 0xFFFF_FFFF, 4);
        _liointc.Write(Status, 0xFFFF_FFFF, 4);
        _liointc.Write(Enable, 0xFFFF_FFFF, 4);

        Assert.That(_liointc.Read(Core0Status, 4), Is.Zero);
        Assert.That(_liointc.Read(Status, 4), Is.Zero);
        Assert.That(_liointc.Read(Enable, 4), Is.EqualTo(0x1), "EN is read-only; ENSET/ENCLR change it");
        Assert.That(AssertedOutputs(), Is.Empty);
    }

    [Test]
    public void AccessSizesFollowQemu()
    {
        ReplayLinuxInit();
        _liointc.Write(EnableSet, 0x1, 4);
        _liointc.SetInput(UartInput, true);

        Assert.That(_liointc.Read(0x00, 4), Is.Zero, "routes are byte registers");
        Assert.That(_liointc.Read(0x00, 2), Is.Zero);
        Assert.That(_liointc.Read(Status, 1), Is.Zero, "status is a 32-bit register");
        Assert.That(_liointc.Read(Status, 2), Is.Zero);
        Assert.That(_liointc.Read(0x44, 4), Is.Zero, "between the per-core words");
        _liointc.Write(0x00, 0xFFFF_FFFF, 4);
        _liointc.Write(EnableClear, 0x1, 1);
        _liointc.Write(EnableClear, 0x1, 2);
        Assert.That(_liointc.Read(0x00, 1), Is.EqualTo(0x11), "route unchanged");
        Assert.That(_liointc.Read(Enable, 4), Is.EqualTo(0x1), "narrow ENCLR writes dropped");

        Assert.That(_liointc.TryRead(Status, 8, out _), Is.False, "8-byte access is a bus error");
        Assert.That(_liointc.TryWrite(Status, 8, 0), Is.False);
        Assert.That(_liointc.TryRead(Status + 2, 4, out _), Is.False, "unaligned access is a bus error");
        Assert.That(AssertedOutputs(), Is.EqualTo(new[] { 0 }));
    }

    [Test]
    public void InputNumbersOutsideTheControllerAreRejected()
    {
        IInterruptController controller = _liointc;

        Assert.Throws<ArgumentOutOfRangeException>(() => controller.SetInput(Liointc.InputCount, true));
        Assert.Throws<ArgumentOutOfRangeException>(() => controller.SetInput(-1, true));
    }

    /// <summary>irq-loongson-liointc.c's init as traced: everything masked, UART to INT0, the rest to INT1.</summary>
    private void ReplayLinuxInit()
    {
        _liointc.Write(EnableClear, 0xFFFF_FFFF, 4);
        _liointc.Write(Edge, 0, 4);
        _liointc.Write(0x00, 0x11, 1);
        for (ulong input = 1; input < Liointc.InputCount; input++)
        {
            _liointc.Write(input, 0x21, 1);
        }
    }

    /// <summary>request_irq for the UART: level-high trigger (EDGE bit cleared, POL bit set), then unmask.</summary>
    private void ReplayUartRequestIrq()
    {
        ulong edge = _liointc.Read(Edge, 4);
        _liointc.Write(Edge, edge & ~1UL, 4);
        ulong polarity = _liointc.Read(Polarity, 4);
        _liointc.Write(Polarity, polarity | 1, 4);
        _liointc.Write(EnableSet, 0x1, 4);
    }

    private int[] AssertedOutputs() =>
        [.. Enumerable.Range(0, Liointc.OutputCount).Where(_cpu.IsAsserted)];
}
