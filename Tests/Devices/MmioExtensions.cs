using LoongsonDbt.Runtime.Memory;

namespace LoongsonDbt.Tests.Devices;

/// <summary>Register accesses that must succeed, for tests that replay a driver's sequence.</summary>
public static class MmioExtensions
{
    public static ulong Read(this IMmioDevice device, ulong offset, int size = 1)
    {
        Assert.That(device.TryRead(offset, size, out ulong value), Is.True, $"{size}-byte read at 0x{offset:x} is a bus error");
        return value;
    }

    public static void Write(this IMmioDevice device, ulong offset, ulong value, int size = 1)
    {
        Assert.That(device.TryWrite(offset, size, value), Is.True, $"{size}-byte write at 0x{offset:x} is a bus error");
    }
}
