using LoongsonDbt.Runtime.Memory;

namespace LoongsonDbt.Devices.Pci;

/// <summary>
/// The generic PCIe host's ECAM window (PLATFORM.md §7.4): offset <c>bus &lt;&lt; 20 | device &lt;&lt; 15 |
/// function &lt;&lt; 12 | register</c>, buses 0–31. Absent functions, and registers beyond a function's
/// config space, read all-ones (how Linux learns nothing is there) and ignore writes.
/// </summary>
public sealed class PciEcam : IMmioDevice
{
    /// <summary>Bytes the window spans: 32 buses of 1 MiB.</summary>
    public const int WindowSize = BusCount << 20;

    /// <summary>Buses the window reaches (the device tree's bus-range 0–31).</summary>
    public const int BusCount = 32;

    private const int DevicesPerBus = 32;
    private const int FunctionsPerDevice = 8;
    private const int FunctionShift = 12;
    private const int RegisterMask = (1 << FunctionShift) - 1;

    /// <summary>Indexed by the ECAM offset's bits above the register: bus, device, function.</summary>
    private readonly IPciFunction?[] _functions = new IPciFunction?[BusCount * DevicesPerBus * FunctionsPerDevice];

    /// <summary>Puts <paramref name="model"/> at bus:device.function; done while building the machine.</summary>
    public void Attach(int bus, int device, int function, IPciFunction model)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bus);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bus, BusCount);
        ArgumentOutOfRangeException.ThrowIfNegative(device);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(device, DevicesPerBus);
        ArgumentOutOfRangeException.ThrowIfNegative(function);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(function, FunctionsPerDevice);
        _functions[(((bus * DevicesPerBus) + device) * FunctionsPerDevice) + function] = model;
    }

    /// <summary>Resets every attached function (machine reset).</summary>
    public void Reset()
    {
        foreach (IPciFunction? function in _functions)
        {
            function?.Reset();
        }
    }

    /// <summary>
    /// Naturally aligned 1, 2 and 4-byte accesses; QEMU splits an 8-byte one into two 4-byte accesses and
    /// refuses unaligned ones with a bus error.
    /// </summary>
    public bool TryRead(ulong offset, int size, out ulong value)
    {
        value = 0;
        if (!IsValidAccess(offset, size))
        {
            return false;
        }

        if (size == 8)
        {
            value = ReadConfig((int)offset, 4) | ((ulong)ReadConfig((int)offset + 4, 4) << 32);
        }
        else
        {
            value = ReadConfig((int)offset, size);
        }

        return true;
    }

    public bool TryWrite(ulong offset, int size, ulong value)
    {
        if (!IsValidAccess(offset, size))
        {
            return false;
        }

        if (size == 8)
        {
            WriteConfig((int)offset, 4, (uint)value);
            WriteConfig((int)offset + 4, 4, (uint)(value >> 32));
        }
        else
        {
            WriteConfig((int)offset, size, (uint)value);
        }

        return true;
    }

    private static bool IsValidAccess(ulong offset, int size) =>
        size is 1 or 2 or 4 or 8 && offset % (ulong)size == 0 && offset < WindowSize;

    private uint ReadConfig(int offset, int size)
    {
        IPciFunction? function = _functions[offset >> FunctionShift];
        int register = offset & RegisterMask;
        if (function is null || register >= function.ConfigSpaceSize)
        {
            return uint.MaxValue >> (32 - (size * 8));
        }

        return function.ReadConfig(register, size);
    }

    private void WriteConfig(int offset, int size, uint value)
    {
        IPciFunction? function = _functions[offset >> FunctionShift];
        int register = offset & RegisterMask;
        if (function is not null && register < function.ConfigSpaceSize)
        {
            function.WriteConfig(register, size, value);
        }
    }
}
