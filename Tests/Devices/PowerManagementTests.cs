using LoongsonDbt.Devices.Power;

namespace LoongsonDbt.Tests.Devices;

/// <summary>The boot ROM's shutdown and reset stores to PM_CNTL_MODE (PLATFORM.md §7.3).</summary>
[TestFixture]
public sealed class PowerManagementTests
{
    private List<PowerRequest> _requests = null!;
    private PowerManagement _pm = null!;

    [SetUp]
    public void CreateDevice()
    {
        _requests = [];
        _pm = new PowerManagement(_requests.Add);
    }

    [Test]
    public void ByteFfAtControlModeRequestsPowerOff()
    {
        _pm.Write(0x10, 0xFF);

        Assert.That(_requests, Is.EqualTo(new[] { PowerRequest.PowerOff }));
    }

    [Test]
    public void ByteZeroAtControlModeRequestsReset()
    {
        _pm.Write(0x10, 0x00);

        Assert.That(_requests, Is.EqualTo(new[] { PowerRequest.Reset }));
    }

    [Test]
    public void OtherValuesAndOffsetsDoNothing()
    {
        _pm.Write(0x10, 0x01);
        _pm.Write(0x10, 0x80);
        _pm.Write(0x11, 0xFF);
        _pm.Write(0x00, 0x00);

        Assert.That(_requests, Is.Empty);
        Assert.That(_pm.Read(0x10), Is.Zero);
        Assert.That(_pm.Read(0xFF), Is.Zero);
    }

    [Test]
    public void WiderAccessesAreBusErrorsAndRequestNothing()
    {
        Assert.That(_pm.TryWrite(0x10, 4, 0xFF), Is.False);
        Assert.That(_pm.TryWrite(0x10, 2, 0x00), Is.False);
        Assert.That(_pm.TryWrite(0x10, 8, 0xFF), Is.False);
        Assert.That(_pm.TryRead(0x00, 4, out _), Is.False);
        Assert.That(_requests, Is.Empty);
    }
}
