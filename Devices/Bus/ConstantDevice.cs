using LoongsonDbt.Runtime.Memory;

namespace LoongsonDbt.Devices.Bus;

/// <summary>
/// A region that answers every access without a bus error: reads return the fill byte in every byte
/// lane, writes are ignored. With 0xFF it is what the guest finds in unclaimed parts of the PCI I/O and
/// memory windows (no device answers, the bus floats high; Linux's i8042 probe relies on reading 0xFF);
/// with 0x00 it is QEMU's two read-as-zero "mmio fallback" regions (PLATFORM.md §1.1).
/// </summary>
public sealed class ConstantDevice(byte fill) : IMmioDevice
{
    private readonly ulong _pattern = fill * 0x0101_0101_0101_0101UL;

    public bool TryRead(ulong offset, int size, out ulong value)
    {
        value = size >= 8 ? _pattern : _pattern & ((1UL << (size * 8)) - 1);
        return true;
    }

    public bool TryWrite(ulong offset, int size, ulong value) => true;
}
