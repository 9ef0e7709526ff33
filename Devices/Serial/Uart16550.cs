using LoongsonDbt.Devices.Interrupts;
using LoongsonDbt.Runtime.Interrupts;
using LoongsonDbt.Runtime.Memory;

namespace LoongsonDbt.Devices.Serial;

/// <summary>
/// The board's console UART, an NS16550A as QEMU's serial-mm models it (PLATFORM.md §7.1): eight byte
/// registers at consecutive offsets, 16-byte FIFOs, and an interrupt output to LIOINTC input 0.
/// Transmission is instantaneous, so the transmitter always reads empty (LSR THRE and TEMT set) and a
/// THR write hands the byte to the host at once. The baud divisor is stored for the guest to read back
/// but never throttles anything.
/// <para>
/// Host input waits in an unbounded queue and the receiver shows its head (up to the FIFO depth, one byte
/// with FIFOs off) only while the guest has the received-data interrupt enabled. Linux clears the FIFOs
/// and reads RBR to discard stale bytes several times while it opens the console, before it enables that
/// interrupt; holding host bytes back until then, and treating a receive-FIFO clear as "not arrived yet",
/// is what keeps piped input from being lost. A guest that polls LSR without ever enabling the interrupt
/// would see no input; no guest of this machine does.
/// </para>
/// </summary>
public sealed class Uart16550 : IMmioDevice
{
    /// <summary>Bytes the register window spans (eight registers, one byte apart).</summary>
    public const int WindowSize = 8;

    private const int FifoDepth = 16;

    private const int DataRegister = 0;
    private const int InterruptEnableRegister = 1;
    private const int InterruptIdRegister = 2;
    private const int LineControlRegister = 3;
    private const int ModemControlRegister = 4;
    private const int LineStatusRegister = 5;
    private const int ModemStatusRegister = 6;
    private const int ScratchRegister = 7;

    private const byte EnableReceivedData = 0x01;
    private const byte EnableTransmitterEmpty = 0x02;
    private const byte EnableLineStatus = 0x04;
    private const byte InterruptEnableMask = 0x0F;

    private const byte NoInterruptPending = 0x01;
    private const byte LineStatusInterrupt = 0x06;
    private const byte CharacterTimeoutInterrupt = 0x0C;
    private const byte ReceivedDataInterrupt = 0x04;
    private const byte TransmitterEmptyInterrupt = 0x02;
    private const byte FifosEnabledIdBits = 0xC0;

    private const byte FifoEnable = 0x01;
    private const byte ClearReceiveFifo = 0x02;
    private const byte ClearTransmitFifo = 0x04;
    private const byte FifoControlStickyBits = 0xC9;

    private const byte DivisorLatchAccess = 0x80;

    private const byte Loopback = 0x10;
    private const byte ModemControlMask = 0x1F;
    private const byte ResetModemControl = 0x08;

    private const byte DataReady = 0x01;
    private const byte OverrunError = 0x02;
    private const byte TransmitterIdle = 0x60;

    /// <summary>DCD, DSR and CTS: the host end is always connected and ready; the lines never change.</summary>
    private const byte ConnectedModemStatus = 0xB0;

    private const ushort ResetDivisor = 0x0C;

    private readonly Lock _lock = new();
    private readonly Action<byte> _transmit;
    private readonly InterruptOutputs _interrupt;
    private readonly Queue<byte> _hostInput = new();
    private readonly Queue<byte> _loopbackFifo = new(FifoDepth);

    private byte _interruptEnable;
    private byte _fifoControl;
    private byte _lineControl;
    private byte _modemControl;
    private byte _scratch;
    private ushort _divisor;
    private int _triggerLevel;
    private bool _transmitterEmptyPending;
    private bool _overrun;
    private byte _lastReceived;

    /// <param name="interrupt">The IRQ output (LIOINTC input 0 on this board), level, active high.</param>
    /// <param name="transmit">Receives each byte the guest transmits, on the vCPU thread that wrote THR.</param>
    public Uart16550(InterruptLine interrupt, Action<byte> transmit)
    {
        _transmit = transmit;
        _interrupt = new InterruptOutputs([interrupt], SampleInterruptLevel);
        ResetRegisters();
    }

    /// <summary>Queues bytes from the host for the guest to receive, in order; safe from any thread.</summary>
    public void Receive(ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            foreach (byte value in bytes)
            {
                _hostInput.Enqueue(value);
            }
        }

        _interrupt.Update();
    }

    /// <summary>Returns the registers to their power-on values (machine reset); queued host input is kept.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            ResetRegisters();
        }

        _interrupt.Update();
    }

    public bool TryRead(ulong offset, int size, out ulong value)
    {
        value = 0;
        if (!IsValidAccess(offset, size))
        {
            return false;
        }

        // QEMU splits an 8-byte access into two 4-byte ones, each of which is one register access.
        value = ReadRegister((int)offset);
        if (size == 8)
        {
            value |= (ulong)ReadRegister((int)offset + 4) << 32;
        }

        _interrupt.Update();
        return true;
    }

    public bool TryWrite(ulong offset, int size, ulong value)
    {
        if (!IsValidAccess(offset, size))
        {
            return false;
        }

        WriteRegister((int)offset, (byte)value);
        if (size == 8)
        {
            WriteRegister((int)offset + 4, (byte)(value >> 32));
        }

        _interrupt.Update();
        return true;
    }

    /// <summary>Any size QEMU accepts: naturally aligned 1, 2, 4 or 8 bytes inside the window.</summary>
    private static bool IsValidAccess(ulong offset, int size) =>
        size is 1 or 2 or 4 or 8 && offset % (ulong)size == 0 && offset < WindowSize;

    private bool FifosEnabled => (_fifoControl & FifoEnable) != 0;

    private bool InLoopback => (_modemControl & Loopback) != 0;

    private bool DivisorLatchSelected => (_lineControl & DivisorLatchAccess) != 0;

    /// <summary>Bytes the receiver holds as the guest sees them (see the class remarks for host input).</summary>
    private int ReceivedCount
    {
        get
        {
            if (InLoopback)
            {
                return _loopbackFifo.Count;
            }

            if ((_interruptEnable & EnableReceivedData) == 0)
            {
                return 0;
            }

            return Math.Min(_hostInput.Count, FifosEnabled ? FifoDepth : 1);
        }
    }

    private byte ReadRegister(int register)
    {
        lock (_lock)
        {
            switch (register)
            {
                case DataRegister when DivisorLatchSelected:
                    return (byte)_divisor;
                case DataRegister:
                    return ReadReceiveBuffer();
                case InterruptEnableRegister when DivisorLatchSelected:
                    return (byte)(_divisor >> 8);
                case InterruptEnableRegister:
                    return _interruptEnable;
                case InterruptIdRegister:
                    byte id = PendingInterruptId();
                    if (id == TransmitterEmptyInterrupt)
                    {
                        _transmitterEmptyPending = false;
                    }

                    return (byte)(id | (FifosEnabled ? FifosEnabledIdBits : 0));
                case LineControlRegister:
                    return _lineControl;
                case ModemControlRegister:
                    return _modemControl;
                case LineStatusRegister:
                    byte status = (byte)(TransmitterIdle | (_overrun ? OverrunError : 0) | (ReceivedCount > 0 ? DataReady : 0));
                    _overrun = false;
                    return status;
                case ModemStatusRegister:
                    return InLoopback ? LoopedBackModemStatus() : ConnectedModemStatus;
                default:
                    return _scratch;
            }
        }
    }

    private byte ReadReceiveBuffer()
    {
        if (ReceivedCount == 0)
        {
            // An empty FIFO reads 0; without FIFOs the holding register keeps its last byte.
            return FifosEnabled ? (byte)0 : _lastReceived;
        }

        _lastReceived = InLoopback ? _loopbackFifo.Dequeue() : _hostInput.Dequeue();
        return _lastReceived;
    }

    /// <summary>In loopback the modem outputs feed the inputs: DTR→DSR, RTS→CTS, OUT1→RI, OUT2→DCD.</summary>
    private byte LoopedBackModemStatus() =>
        (byte)(((_modemControl & 0x0C) << 4) | ((_modemControl & 0x02) << 3) | ((_modemControl & 0x01) << 5));

    private void WriteRegister(int register, byte value)
    {
        bool transmit = false;
        lock (_lock)
        {
            switch (register)
            {
                case DataRegister when DivisorLatchSelected:
                    _divisor = (ushort)((_divisor & 0xFF00) | value);
                    break;
                case DataRegister:
                    // The byte leaves at once, so THR is empty again and its interrupt pending again.
                    _transmitterEmptyPending = true;
                    if (InLoopback)
                    {
                        LoopBack(value);
                    }
                    else
                    {
                        transmit = true;
                    }

                    break;
                case InterruptEnableRegister when DivisorLatchSelected:
                    _divisor = (ushort)((_divisor & 0x00FF) | (value << 8));
                    break;
                case InterruptEnableRegister:
                    WriteInterruptEnable((byte)(value & InterruptEnableMask));
                    break;
                case InterruptIdRegister:
                    WriteFifoControl(value);
                    break;
                case LineControlRegister:
                    _lineControl = value;
                    break;
                case ModemControlRegister:
                    _modemControl = (byte)(value & ModemControlMask);
                    break;
                case ScratchRegister:
                    _scratch = value;
                    break;
            }
        }

        if (transmit)
        {
            _transmit(value);
        }
    }

    /// <summary>
    /// Switching the THR-empty interrupt on while THR is empty (always, here) makes it pending at once, and
    /// switching it off forgets it; Linux's THRE test at port startup depends on the first half.
    /// </summary>
    private void WriteInterruptEnable(byte value)
    {
        byte changed = (byte)(_interruptEnable ^ value);
        _interruptEnable = value;
        if ((changed & EnableTransmitterEmpty) != 0)
        {
            _transmitterEmptyPending = (value & EnableTransmitterEmpty) != 0;
        }
    }

    private void WriteFifoControl(byte value)
    {
        // Turning the FIFOs on or off clears both, as on the 16550A.
        if (((value ^ _fifoControl) & FifoEnable) != 0)
        {
            value |= ClearReceiveFifo | ClearTransmitFifo;
        }

        if ((value & ClearReceiveFifo) != 0)
        {
            // Only looped-back bytes are really in the FIFO; host bytes count as not yet arrived.
            _loopbackFifo.Clear();
        }

        if ((value & ClearTransmitFifo) != 0)
        {
            _transmitterEmptyPending = true;
        }

        _fifoControl = (byte)(value & FifoControlStickyBits);
        _triggerLevel = (value >> 6) switch
        {
            0 => 1,
            1 => 4,
            2 => 8,
            _ => 14,
        };
    }

    /// <summary>A looped-back byte lands in the receiver; a full receiver keeps its data and flags an overrun.</summary>
    private void LoopBack(byte value)
    {
        int capacity = FifosEnabled ? FifoDepth : 1;
        if (_loopbackFifo.Count < capacity)
        {
            _loopbackFifo.Enqueue(value);
            return;
        }

        _overrun = true;
        if (!FifosEnabled)
        {
            // Without FIFOs the new byte overwrites the holding register.
            _loopbackFifo.Clear();
            _loopbackFifo.Enqueue(value);
        }
    }

    /// <summary>
    /// IIR bits 3:0 in QEMU's priority order: line status, then received data (reported as a character
    /// timeout while the FIFO holds fewer bytes than the trigger level, which Linux treats the same), then
    /// THR empty. The modem lines never change, so modem status never interrupts.
    /// </summary>
    private byte PendingInterruptId()
    {
        if ((_interruptEnable & EnableLineStatus) != 0 && _overrun)
        {
            return LineStatusInterrupt;
        }

        int received = ReceivedCount;
        if ((_interruptEnable & EnableReceivedData) != 0 && received > 0)
        {
            return FifosEnabled && received < _triggerLevel ? CharacterTimeoutInterrupt : ReceivedDataInterrupt;
        }

        if ((_interruptEnable & EnableTransmitterEmpty) != 0 && _transmitterEmptyPending)
        {
            return TransmitterEmptyInterrupt;
        }

        return NoInterruptPending;
    }

    private uint SampleInterruptLevel()
    {
        lock (_lock)
        {
            return PendingInterruptId() == NoInterruptPending ? 0u : 1u;
        }
    }

    private void ResetRegisters()
    {
        _interruptEnable = 0;
        _fifoControl = 0;
        _lineControl = 0;
        _modemControl = ResetModemControl;
        _scratch = 0;
        _divisor = ResetDivisor;
        _triggerLevel = 1;
        _transmitterEmptyPending = false;
        _overrun = false;
        _lastReceived = 0;
        _loopbackFifo.Clear();
    }
}
