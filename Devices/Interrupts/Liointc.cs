using LoongsonDbt.Runtime.Interrupts;
using LoongsonDbt.Runtime.Memory;

namespace LoongsonDbt.Devices.Interrupts;

/// <summary>
/// The Loongson local I/O interrupt controller as QEMU 7.2 models it (PLATFORM.md §6.2): 32 level,
/// active-high inputs, an enable mask, a route byte per input, and 16 outputs, output <c>core * 4 + n</c>
/// being core <c>core</c>'s INTn (the board wires core 0's INTn to that CPU's IP(2+n)).
/// <para>
/// QEMU's semantics, not the hardware's: ISR = pins AND enable; POL and EDGE are not implemented (read 0,
/// writes dropped), so the POL bit Linux sets for level-high lines inverts nothing; output (core, n) is
/// asserted while some enabled pending input is routed to that core and some (possibly other) enabled
/// pending input is routed to INTn. With Linux's routing (everything to core 0) that is exact.
/// </para>
/// </summary>
public sealed class Liointc : IMmioDevice, IInterruptController
{
    /// <summary>Bytes the register window spans.</summary>
    public const int WindowSize = 0x60;

    /// <summary>Interrupt inputs.</summary>
    public const int InputCount = 32;

    /// <summary>Outputs: four INT lines for each of four cores.</summary>
    public const int OutputCount = CoreCount * LinesPerCore;

    private const int CoreCount = 4;
    private const int LinesPerCore = 4;

    private const int RouteEnd = 0x20;
    private const int StatusRegister = 0x20;
    private const int EnableRegister = 0x24;
    private const int EnableSetRegister = 0x28;
    private const int EnableClearRegister = 0x2C;
    private const int CoreStatusStart = 0x40;
    private const int CoreStatusStride = 8;

    private readonly Lock _lock = new();
    private readonly byte[] _routes = new byte[InputCount];
    private readonly InterruptOutputs _outputs;
    private uint _pins;
    private uint _enabled;

    /// <param name="outputs">The 16 output wires, index <c>core * 4 + n</c> for core's INTn; unused ones may be default.</param>
    public Liointc(IReadOnlyList<InterruptLine> outputs)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(outputs.Count, OutputCount);
        _outputs = new InterruptOutputs(outputs, SampleOutputLevels);
    }

    /// <summary>Drives input <paramref name="input"/> (0–31) to a level; safe from any thread.</summary>
    public void SetInput(int input, bool asserted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(input);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(input, InputCount);
        lock (_lock)
        {
            _pins = asserted ? _pins | (1u << input) : _pins & ~(1u << input);
        }

        _outputs.Update();
    }

    /// <summary>
    /// Route bytes take byte accesses only, everything else aligned 32-bit accesses only; other 1–4-byte
    /// accesses read 0 and are dropped. Unaligned and 8-byte accesses are bus errors, as in QEMU.
    /// </summary>
    public bool TryRead(ulong offset, int size, out ulong value)
    {
        value = 0;
        if (!IsValidAccess(offset, size))
        {
            return false;
        }

        lock (_lock)
        {
            if (size == 1 && offset < RouteEnd)
            {
                value = _routes[offset];
            }
            else if (size == 4)
            {
                value = ReadWord((int)offset);
            }
        }

        return true;
    }

    public bool TryWrite(ulong offset, int size, ulong value)
    {
        if (!IsValidAccess(offset, size))
        {
            return false;
        }

        lock (_lock)
        {
            if (size == 1 && offset < RouteEnd)
            {
                _routes[offset] = (byte)value;
            }
            else if (size == 4)
            {
                WriteWord((int)offset, (uint)value);
            }
        }

        _outputs.Update();
        return true;
    }

    private static bool IsValidAccess(ulong offset, int size) =>
        size is 1 or 2 or 4 && offset % (ulong)size == 0 && offset < WindowSize;

    private uint Status => _pins & _enabled;

    private uint ReadWord(int offset)
    {
        if (offset >= CoreStatusStart)
        {
            int relative = offset - CoreStatusStart;
            return relative % CoreStatusStride == 0 ? CoreStatus(relative / CoreStatusStride) : 0;
        }

        return offset switch
        {
            StatusRegister => Status,
            EnableRegister => _enabled,
            _ => 0,
        };
    }

    /// <summary>ENSET and ENCLR change the mask; everything else (EN, ISR, POL, EDGE, per-core ISR) is dropped.</summary>
    private void WriteWord(int offset, uint value)
    {
        switch (offset)
        {
            case EnableSetRegister:
                _enabled |= value;
                break;
            case EnableClearRegister:
                _enabled &= ~value;
                break;
        }
    }

    /// <summary>Enabled pending inputs whose route has this core's bit.</summary>
    private uint CoreStatus(int core)
    {
        uint status = Status;
        uint result = 0;
        for (int input = 0; input < InputCount; input++)
        {
            if ((status & (1u << input)) != 0 && (_routes[input] & (1 << core)) != 0)
            {
                result |= 1u << input;
            }
        }

        return result;
    }

    /// <summary>
    /// Output (core, n) is high when some enabled pending input routes to the core and some (not
    /// necessarily the same) enabled pending input routes to INTn: QEMU's approximation.
    /// </summary>
    private uint SampleOutputLevels()
    {
        uint coresReached = 0;
        uint linesReached = 0;
        lock (_lock)
        {
            uint status = Status;
            for (int input = 0; input < InputCount; input++)
            {
                if ((status & (1u << input)) != 0)
                {
                    coresReached |= _routes[input] & 0xFu;
                    linesReached |= (uint)_routes[input] >> 4;
                }
            }
        }

        uint levels = 0;
        for (int core = 0; core < CoreCount; core++)
        {
            if ((coresReached & (1u << core)) != 0)
            {
                levels |= linesReached << (core * LinesPerCore);
            }
        }

        return levels;
    }
}
