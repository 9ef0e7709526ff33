using LoongsonDbt.Devices.Bus;

namespace LoongsonDbt.Tests.Devices;

/// <summary>Unclaimed PCI windows (all-ones) and QEMU's read-as-zero fallback regions (PLATFORM.md §1.1).</summary>
[TestFixture]
public sealed class ConstantDeviceTests
{
    [TestCase(1, 0xFFUL)]
    [TestCase(2, 0xFFFFUL)]
    [TestCase(4, 0xFFFF_FFFFUL)]
    [TestCase(8, 0xFFFF_FFFF_FFFF_FFFFUL)]
    public void UnclaimedPciSpaceReadsAllOnes(int size, ulong expected)
    {
        var window = new ConstantDevice(0xFF);

        Assert.That(window.Read(0x64, size), Is.EqualTo(expected), "e.g. the i8042 status port");
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(4)]
    [TestCase(8)]
    public void FallbackRegionReadsZeroAtAnySizeAndOffset(int size)
    {
        var fallback = new ConstantDevice(0x00);

        Assert.That(fallback.Read(0x0FFF_FFF8, size), Is.Zero);
        Assert.That(fallback.Read(0x3, size), Is.Zero, "not even misalignment is a bus error");
    }

    [Test]
    public void WritesAreAcceptedAndChangeNothing()
    {
        var window = new ConstantDevice(0xFF);

        Assert.That(window.TryWrite(0x60, 1, 0x00), Is.True);
        Assert.That(window.TryWrite(0x60, 8, 0x00), Is.True);
        Assert.That(window.Read(0x60, 1), Is.EqualTo(0xFF));
    }
}
