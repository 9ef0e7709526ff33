using LoongsonDbt.Devices.Pci;

namespace LoongsonDbt.Tests.Devices;

/// <summary>The ECAM window with only the host bridge, as Linux's PCI probe sees it (PLATFORM.md §7.4).</summary>
[TestFixture]
public sealed class PciEcamTests
{
    private const ulong Device1 = 1 << 15;
    private const ulong Bus1 = 1 << 20;

    private PciEcam _ecam = null!;

    [SetUp]
    public void CreateHost()
    {
        _ecam = new PciEcam();
        _ecam.Attach(0, 0, 0, PciHostBridge.Create());
    }

    [Test]
    public void HostBridgeIdentifiesItselfAsQemusGpexRoot()
    {
        Assert.That(_ecam.Read(0x00, 4), Is.EqualTo(0x0008_1B36), "Linux's first config read");
        Assert.That(_ecam.Read(0x08, 4), Is.EqualTo(0x0600_0000), "class 0x060000, revision 0");
        Assert.That(_ecam.Read(0x0E, 1), Is.Zero, "header type 0, single function");
        Assert.That(_ecam.Read(0x2C, 4), Is.EqualTo(0x1100_1AF4), "subsystem 1AF4:1100");
        Assert.That(_ecam.Read(0x34, 1), Is.Zero, "no capabilities");
        Assert.That(_ecam.Read(0x3D, 1), Is.Zero, "no interrupt pin");
    }

    [Test]
    public void NarrowReadsSeeTheSameBytes()
    {
        Assert.That(_ecam.Read(0x00, 1), Is.EqualTo(0x36));
        Assert.That(_ecam.Read(0x01, 1), Is.EqualTo(0x1B));
        Assert.That(_ecam.Read(0x00, 2), Is.EqualTo(0x1B36));
        Assert.That(_ecam.Read(0x02, 2), Is.EqualTo(0x0008));
        Assert.That(_ecam.Read(0x0A, 2), Is.EqualTo(0x0600), "subclass and base class");
    }

    [Test]
    public void AbsentFunctionsReadAllOnesAtEverySize()
    {
        Assert.That(_ecam.Read(Device1, 4), Is.EqualTo(0xFFFF_FFFF), "00:01.0");
        Assert.That(_ecam.Read(Bus1, 4), Is.EqualTo(0xFFFF_FFFF), "01:00.0");
        Assert.That(_ecam.Read(1 << 12, 4), Is.EqualTo(0xFFFF_FFFF), "00:00.1");
        Assert.That(_ecam.Read((31UL << 20) | (31 << 15) | (7 << 12) | 0xFFC, 4), Is.EqualTo(0xFFFF_FFFF), "last register of 31:1f.7");
        Assert.That(_ecam.Read(Device1, 2), Is.EqualTo(0xFFFF));
        Assert.That(_ecam.Read(Device1 + 3, 1), Is.EqualTo(0xFF));

        _ecam.Write(Device1 + 4, 0x7, 2);
        Assert.That(_ecam.Read(Device1 + 4, 2), Is.EqualTo(0xFFFF), "writes to nothing are dropped");
    }

    [Test]
    public void ExtendedConfigSpaceOfAConventionalFunctionReadsAllOnes()
    {
        Assert.That(_ecam.Read(0x100, 4), Is.EqualTo(0xFFFF_FFFF), "no PCIe extended capabilities");
        Assert.That(_ecam.Read(0xFFC, 4), Is.EqualTo(0xFFFF_FFFF));
    }

    [Test]
    public void CommandRegisterIsWritableWhereQemuAllowsIt()
    {
        _ecam.Write(0x04, 0x0007, 2);
        Assert.That(_ecam.Read(0x04, 2), Is.EqualTo(0x0007), "I/O, memory, bus master");

        _ecam.Write(0x04, 0xFFFF_FFFF, 4);
        Assert.That(_ecam.Read(0x04, 4), Is.EqualTo(0x0000_0507), "status has nothing to set or clear");

        _ecam.Write(0x0C, 0x40, 1);
        _ecam.Write(0x3C, 0x0A, 1);
        Assert.That(_ecam.Read(0x0C, 1), Is.EqualTo(0x40), "cache line size");
        Assert.That(_ecam.Read(0x3C, 1), Is.EqualTo(0x0A), "interrupt line");
    }

    [Test]
    public void IdentificationAndBarsAreReadOnly()
    {
        _ecam.Write(0x00, 0, 4);
        _ecam.Write(0x08, 0xFFFF_FFFF, 4);
        _ecam.Write(0x10, 0xFFFF_FFFF, 4);
        _ecam.Write(0x30, 0xFFFF_FFFF, 4);

        Assert.That(_ecam.Read(0x00, 4), Is.EqualTo(0x0008_1B36));
        Assert.That(_ecam.Read(0x08, 4), Is.EqualTo(0x0600_0000));
        Assert.That(_ecam.Read(0x10, 4), Is.Zero, "BAR sizing finds no BAR");
        Assert.That(_ecam.Read(0x30, 4), Is.Zero, "no expansion ROM");
    }

    [Test]
    public void DeviceSpecificAreaHoldsWhatIsWritten()
    {
        _ecam.Write(0x40, 0xDEAD_BEEF, 4);
        _ecam.Write(0xFE, 0x1234, 2);

        Assert.That(_ecam.Read(0x40, 4), Is.EqualTo(0xDEAD_BEEF));
        Assert.That(_ecam.Read(0x41, 1), Is.EqualTo(0xBE));
        Assert.That(_ecam.Read(0xFC, 4), Is.EqualTo(0x1234_0000));
    }

    [Test]
    public void EightByteAccessesAreTwoDwordsAndMisalignedOnesBusErrors()
    {
        _ecam.Write(0x00, 0x0000_0006_0000_0000, 8);

        Assert.That(_ecam.Read(0x00, 8), Is.EqualTo(0x0000_0006_0008_1B36));
        Assert.That(_ecam.TryRead(0x01, 2, out _), Is.False);
        Assert.That(_ecam.TryRead(0x02, 4, out _), Is.False);
        Assert.That(_ecam.TryWrite(0x06, 4, 0), Is.False);
        Assert.That(_ecam.TryRead(PciEcam.WindowSize, 4, out _), Is.False);
    }

    [Test]
    public void ResetClearsTheCommandRegister()
    {
        _ecam.Write(0x04, 0x0007, 2);

        _ecam.Reset();

        Assert.That(_ecam.Read(0x04, 2), Is.Zero);
        Assert.That(_ecam.Read(0x00, 4), Is.EqualTo(0x0008_1B36));
    }

    [Test]
    public void AttachedFunctionsAppearAtTheirAddress()
    {
        _ecam.Attach(1, 3, 2, new PciConfigSpace(new PciFunctionIdentity(0x1AF4, 0x1000, 0x02_00_00)));

        Assert.That(_ecam.Read(Bus1 | (3 << 15) | (2 << 12), 4), Is.EqualTo(0x1000_1AF4));
        Assert.That(_ecam.Read(Bus1 | (3 << 15), 4), Is.EqualTo(0xFFFF_FFFF), "function 0 still absent");
        Assert.Throws<ArgumentOutOfRangeException>(() => _ecam.Attach(PciEcam.BusCount, 0, 0, PciHostBridge.Create()));
    }
}
