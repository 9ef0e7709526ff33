using System.Text;
using LoongsonDbt.Devices.Serial;

namespace LoongsonDbt.Tests.Devices;

/// <summary>
/// The UART against what QEMU 7.2 showed Linux (PLATFORM.md §7.1): Linux's own register sequences are
/// replayed and every value it reads, and the IRQ line's level, is checked.
/// </summary>
[TestFixture]
public sealed class Uart16550Tests
{
    private const ulong Data = 0;
    private const ulong InterruptEnable = 1;
    private const ulong InterruptId = 2;
    private const ulong FifoControl = 2;
    private const ulong LineControl = 3;
    private const ulong ModemControl = 4;
    private const ulong LineStatus = 5;
    private const ulong ModemStatus = 6;
    private const ulong Scratch = 7;

    private RecordingInterruptController _controller = null!;
    private List<byte> _transmitted = null!;
    private Uart16550 _uart = null!;

    private bool IrqAsserted => _controller.IsAsserted(0);

    [SetUp]
    public void CreateUart()
    {
        _controller = new RecordingInterruptController();
        _transmitted = [];
        _uart = new Uart16550(_controller.Line(0), _transmitted.Add);
    }

    [Test]
    public void RegistersStartAtQemusResetValues()
    {
        Assert.That(_uart.Read(InterruptEnable), Is.EqualTo(0x00));
        Assert.That(_uart.Read(InterruptId), Is.EqualTo(0x01));
        Assert.That(_uart.Read(LineControl), Is.EqualTo(0x00));
        Assert.That(_uart.Read(ModemControl), Is.EqualTo(0x08));
        Assert.That(_uart.Read(LineStatus), Is.EqualTo(0x60));
        Assert.That(_uart.Read(ModemStatus), Is.EqualTo(0xB0));
        Assert.That(_uart.Read(Scratch), Is.EqualTo(0x00));
        Assert.That(IrqAsserted, Is.False);
    }

    [Test]
    public void EarlyConsolePollsTransmitterEmptyAndWritesThr()
    {
        foreach (byte character in "Linux\r\n"u8)
        {
            Assert.That(_uart.Read(LineStatus) & 0x20, Is.EqualTo(0x20), "THRE");
            _uart.Write(Data, character);
        }

        Assert.That(Encoding.ASCII.GetString([.. _transmitted]), Is.EqualTo("Linux\r\n"));
        Assert.That(_uart.Read(LineStatus), Is.EqualTo(0x60), "instant transmit: THRE and TEMT again");
        Assert.That(IrqAsserted, Is.False, "IER is 0");
    }

    [Test]
    public void ConsoleSetupProgramsTheDivisorAndFifos()
    {
        ReplayConsoleSetup();

        _uart.Write(LineControl, 0x93);
        Assert.That(_uart.Read(Data), Is.EqualTo(0xD7), "DLL");
        Assert.That(_uart.Read(InterruptEnable), Is.EqualTo(0x00), "DLM");
        _uart.Write(LineControl, 0x13);
        Assert.That(_uart.Read(LineControl), Is.EqualTo(0x13));
        Assert.That(_uart.Read(ModemControl), Is.EqualTo(0x01));
        Assert.That(_uart.Read(InterruptId), Is.EqualTo(0xC1), "FIFOs on, nothing pending");
        Assert.That(_transmitted, Is.Empty, "DLL write with DLAB set is not a THR write");
        Assert.That(IrqAsserted, Is.False);
    }

    [Test]
    public void PortStartupSeesTheValuesLinuxSawUnderQemu()
    {
        ReplayConsoleSetup();

        _uart.Write(FifoControl, 0x01);
        _uart.Write(FifoControl, 0x07);
        _uart.Write(FifoControl, 0x00);
        Assert.That(_uart.Read(LineStatus), Is.EqualTo(0x60));
        _uart.Read(Data);
        Assert.That(_uart.Read(InterruptId), Is.EqualTo(0x01));
        Assert.That(_uart.Read(ModemStatus), Is.EqualTo(0xB0));

        // The THRE test: both IIR reads must report THR empty or Linux marks the port UART_BUG_THRE.
        for (int round = 0; round < 2; round++)
        {
            _uart.Write(InterruptEnable, 0x02);
            Assert.That(IrqAsserted, Is.True, $"round {round}: THRE pending as soon as IER.THRI goes 0→1");
            Assert.That(_uart.Read(InterruptId), Is.EqualTo(0x02), $"round {round}");
            Assert.That(IrqAsserted, Is.False, $"round {round}: reading IIR while it reports THRE clears it");
            _uart.Write(InterruptEnable, 0x00);
        }

        _uart.Write(LineControl, 0x03);
        _uart.Write(ModemControl, 0x09);
        _uart.Write(InterruptEnable, 0x05);
        ReplayDivisor();
        _uart.Write(FifoControl, 0x01);
        _uart.Write(FifoControl, 0x81);
        _uart.Write(ModemControl, 0x09);
        _uart.Write(ModemControl, 0x0B);

        Assert.That(_uart.Read(InterruptId), Is.EqualTo(0xC1));
        Assert.That(_uart.Read(LineStatus), Is.EqualTo(0x60));
        Assert.That(_uart.Read(ModemStatus), Is.EqualTo(0xB0));
        Assert.That(IrqAsserted, Is.False);
    }

    [Test]
    public void InterruptDrivenTransmitSendsSixteenBytesPerThreInterrupt()
    {
        ReplayPortStartup();
        byte[] message = Encoding.ASCII.GetBytes("0123456789abcdefXYZ");

        _uart.Write(InterruptEnable, 0x07);
        Assert.That(IrqAsserted, Is.True, "THRI switched on with THR empty");
        int sent = 0;
        while (sent < message.Length)
        {
            Assert.That(_uart.Read(InterruptId), Is.EqualTo(0xC2));
            Assert.That(IrqAsserted, Is.False, "IIR read acknowledged THRE");
            Assert.That(_uart.Read(LineStatus) & 0x20, Is.EqualTo(0x20));
            for (int i = 0; i < 16 && sent < message.Length; i++)
            {
                _uart.Write(Data, message[sent++]);
            }

            Assert.That(IrqAsserted, Is.True, "THR emptied again: next THRE interrupt");
        }

        _uart.Write(InterruptEnable, 0x05);
        Assert.That(IrqAsserted, Is.False, "THRI off forgets the pending THRE");
        Assert.That(_uart.Read(InterruptId), Is.EqualTo(0xC1));
        Assert.That(_transmitted, Is.EqualTo(message));
    }

    [Test]
    public void ConsoleWriteWithInterruptsMaskedLeavesTheLineLow()
    {
        ReplayPortStartup();

        ulong saved = _uart.Read(InterruptEnable);
        _uart.Write(InterruptEnable, 0x00);
        foreach (byte character in "printk\r\n"u8)
        {
            while ((_uart.Read(LineStatus) & 0x20) == 0)
            {
            }

            _uart.Write(Data, character);
        }

        _uart.Write(InterruptEnable, saved);

        Assert.That(saved, Is.EqualTo(0x05));
        Assert.That(IrqAsserted, Is.False, "THRI was not switched on, so no THRE interrupt");
        Assert.That(_uart.Read(InterruptId), Is.EqualTo(0xC1));
        Assert.That(Encoding.ASCII.GetString([.. _transmitted]), Is.EqualTo("printk\r\n"));
    }

    [Test]
    public void PipedInputArrivesInOrderWithoutLossBeyondTheFifo()
    {
        ReplayPortStartup();
        byte[] input = [.. Enumerable.Range(0, 1000).Select(i => (byte)(i * 7))];

        _uart.Receive(input);

        Assert.That(IrqAsserted, Is.True);
        Assert.That(_uart.Read(InterruptId), Is.EqualTo(0xC4), "16 bytes in the FIFO, trigger level 8");
        Assert.That(DrainReceiver(), Is.EqualTo(input));
        Assert.That(IrqAsserted, Is.False);
        Assert.That(_uart.Read(InterruptId), Is.EqualTo(0xC1));
        Assert.That(_uart.Read(LineStatus), Is.EqualTo(0x60), "no overrun");
    }

    [Test]
    public void FewerBytesThanTheTriggerLevelReportACharacterTimeout()
    {
        ReplayPortStartup();

        _uart.Receive("ls\r"u8);

        Assert.That(IrqAsserted, Is.True);
        Assert.That(_uart.Read(InterruptId), Is.EqualTo(0xCC));
        Assert.That(_uart.Read(LineStatus), Is.EqualTo(0x61), "DR");
        Assert.That(DrainReceiver(), Is.EqualTo("ls\r"u8.ToArray()));
        Assert.That(IrqAsserted, Is.False);
    }

    [Test]
    public void InputQueuedBeforeTheConsoleOpensSurvivesLinuxsFifoClearsAndDiscardingReads()
    {
        _uart.Receive("echo hi\n"u8);
        Assert.That(IrqAsserted, Is.False, "IER is 0");

        ReplayConsoleSetup();
        ReplayPortStartup();

        Assert.That(IrqAsserted, Is.True, "IER.RDI on and input waiting");
        Assert.That(DrainReceiver(), Is.EqualTo("echo hi\n"u8.ToArray()));
    }

    [Test]
    public void InputFromAnotherThreadIsNeitherLostNorReordered()
    {
        ReplayPortStartup();
        byte[] input = [.. Enumerable.Range(0, 20_000).Select(i => (byte)i)];
        var received = new List<byte>();

        var host = new Thread(() =>
        {
            for (int i = 0; i < input.Length; i += 100)
            {
                _uart.Receive(input.AsSpan(i, 100));
            }
        });
        host.Start();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (received.Count < input.Length && DateTime.UtcNow < deadline)
        {
            received.AddRange(DrainReceiver());
        }

        host.Join();
        Assert.That(received, Is.EqualTo(input));
    }

    [Test]
    public void ReceivedDataInterruptWaitsForIerRdi()
    {
        ReplayPortStartup();
        _uart.Write(InterruptEnable, 0x00);

        _uart.Receive("x"u8);
        Assert.That(IrqAsserted, Is.False);
        Assert.That(_uart.Read(LineStatus) & 0x01, Is.Zero, "held on the host side while IER.RDI is off");

        _uart.Write(InterruptEnable, 0x01);
        Assert.That(IrqAsserted, Is.True);
        Assert.That(_uart.Read(Data), Is.EqualTo((byte)'x'));
        Assert.That(IrqAsserted, Is.False);
    }

    [Test]
    public void WithoutFifosTheReceiverHoldsOneByteAndIirReportsReceivedData()
    {
        _uart.Write(InterruptEnable, 0x01);
        _uart.Receive("ab"u8);

        Assert.That(_uart.Read(InterruptId), Is.EqualTo(0x04));
        Assert.That(_uart.Read(Data), Is.EqualTo((byte)'a'));
        Assert.That(_uart.Read(InterruptId), Is.EqualTo(0x04), "next byte moves up at once");
        Assert.That(_uart.Read(Data), Is.EqualTo((byte)'b'));
        Assert.That(_uart.Read(InterruptId), Is.EqualTo(0x01));
        Assert.That(_uart.Read(Data), Is.EqualTo((byte)'b'), "the holding register keeps its last byte");
    }

    [Test]
    public void LoopbackRoutesModemControlToModemStatusAndTransmitToReceive()
    {
        // Linux's autoconfig loopback check: MCR = LOOP | OUT2 | RTS → MSR = DCD | CTS.
        _uart.Write(ModemControl, 0x1A);
        Assert.That(_uart.Read(ModemStatus), Is.EqualTo(0x90));

        _uart.Write(FifoControl, 0x01);
        for (int i = 0; i < 17; i++)
        {
            _uart.Write(Data, (ulong)('A' + i));
        }

        Assert.That(_transmitted, Is.Empty, "loopback keeps bytes off the line");
        Assert.That(_uart.Read(LineStatus), Is.EqualTo(0x63), "DR and overrun: the 17th byte did not fit");
        Assert.That(_uart.Read(LineStatus), Is.EqualTo(0x61), "reading LSR clears the overrun");
        Assert.That(DrainReceiver(), Is.EqualTo("ABCDEFGHIJKLMNOP"u8.ToArray()));

        _uart.Write(ModemControl, 0x0B);
        Assert.That(_uart.Read(ModemStatus), Is.EqualTo(0xB0));
    }

    [Test]
    public void OverrunInterruptsWhenLineStatusInterruptsAreEnabled()
    {
        _uart.Write(ModemControl, 0x10);
        _uart.Write(InterruptEnable, 0x04);
        _uart.Write(Data, 1);
        Assert.That(IrqAsserted, Is.False);
        _uart.Write(Data, 2);

        Assert.That(IrqAsserted, Is.True);
        Assert.That(_uart.Read(InterruptId), Is.EqualTo(0x06));
        Assert.That(_uart.Read(LineStatus), Is.EqualTo(0x63));
        Assert.That(IrqAsserted, Is.False);
        Assert.That(_uart.Read(Data), Is.EqualTo(2), "without FIFOs the new byte overwrites the old");
    }

    [Test]
    public void WiderAccessesReachOneRegisterAndMisalignedOnesAreBusErrors()
    {
        _uart.Write(Scratch, 0x5A);

        Assert.That(_uart.Read(4, size: 4), Is.EqualTo(0x08), "MCR, zero-extended");
        Assert.That(_uart.Read(6, size: 2), Is.EqualTo(0xB0), "MSR");
        Assert.That(_uart.Read(0, size: 8), Is.EqualTo(0x08UL << 32), "QEMU splits 8 bytes into RBR and MCR");
        Assert.That(_uart.TryRead(1, 2, out _), Is.False);
        Assert.That(_uart.TryRead(2, 4, out _), Is.False);
        Assert.That(_uart.TryWrite(7, 2, 0), Is.False);
        Assert.That(_uart.TryRead(8, 1, out _), Is.False);
        Assert.That(_uart.Read(Scratch), Is.EqualTo(0x5A));
    }

    [Test]
    public void ResetRestoresRegistersAndKeepsHostInput()
    {
        ReplayPortStartup();
        _uart.Write(InterruptEnable, 0x07);
        _uart.Write(Scratch, 0x42);
        _uart.Receive("z"u8);
        Assert.That(IrqAsserted, Is.True);

        _uart.Reset();

        Assert.That(IrqAsserted, Is.False);
        Assert.That(_uart.Read(InterruptEnable), Is.EqualTo(0x00));
        Assert.That(_uart.Read(InterruptId), Is.EqualTo(0x01));
        Assert.That(_uart.Read(ModemControl), Is.EqualTo(0x08));
        Assert.That(_uart.Read(Scratch), Is.EqualTo(0x00));
        _uart.Write(LineControl, 0x80);
        Assert.That(_uart.Read(Data), Is.EqualTo(0x0C), "divisor back to 12");
        _uart.Write(LineControl, 0x00);
        _uart.Write(InterruptEnable, 0x01);
        Assert.That(_uart.Read(Data), Is.EqualTo((byte)'z'));
    }

    /// <summary>8250 console setup for <c>console=ttyS0</c> (9600 8N1, FIFOs on).</summary>
    private void ReplayConsoleSetup()
    {
        _uart.Write(InterruptEnable, 0x00);
        _uart.Write(ModemControl, 0x00);
        ReplayDivisor();
        _uart.Write(FifoControl, 0x01);
        _uart.Write(FifoControl, 0x81);
        _uart.Write(ModemControl, 0x01);
    }

    private void ReplayDivisor()
    {
        _uart.Write(LineControl, 0x93);
        _uart.Write(Data, 0xD7);
        _uart.Write(InterruptEnable, 0x00);
        _uart.Write(LineControl, 0x13);
    }

    /// <summary>serial8250_do_startup and set_termios when /init opens the console, as traced.</summary>
    private void ReplayPortStartup()
    {
        _uart.Write(FifoControl, 0x01);
        _uart.Write(FifoControl, 0x07);
        _uart.Write(FifoControl, 0x00);
        _uart.Read(LineStatus);
        _uart.Read(Data);
        _uart.Read(InterruptId);
        _uart.Read(ModemStatus);
        for (int round = 0; round < 2; round++)
        {
            _uart.Write(InterruptEnable, 0x02);
            _uart.Read(InterruptId);
            _uart.Write(InterruptEnable, 0x00);
        }

        _uart.Write(LineControl, 0x03);
        _uart.Write(ModemControl, 0x09);

        // The TX-enable quick test, then the interrupt registers cleared "again for luck".
        _uart.Write(InterruptEnable, 0x02);
        _uart.Read(LineStatus);
        _uart.Read(InterruptId);
        _uart.Write(InterruptEnable, 0x00);
        _uart.Read(LineStatus);
        _uart.Read(Data);
        _uart.Read(InterruptId);
        _uart.Read(ModemStatus);
        _uart.Write(InterruptEnable, 0x05);
        ReplayDivisor();
        _uart.Write(FifoControl, 0x01);
        _uart.Write(FifoControl, 0x81);
        _uart.Write(ModemControl, 0x09);
        _uart.Write(ModemControl, 0x0B);
    }

    /// <summary>What serial8250_rx_chars does: read RBR while LSR says data ready.</summary>
    private List<byte> DrainReceiver()
    {
        var received = new List<byte>();
        while ((_uart.Read(LineStatus) & 0x01) != 0)
        {
            received.Add((byte)_uart.Read(Data));
        }

        return received;
    }
}
