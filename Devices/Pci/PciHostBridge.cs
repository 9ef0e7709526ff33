namespace LoongsonDbt.Devices.Pci;

/// <summary>
/// QEMU's gpex-root, the generic PCIe host's bridge at 00:00.0 (PLATFORM.md §2, §7.4): Red Hat's
/// 1B36:0008, class "host bridge" 0x060000, header type 0, no BARs. Its vendor/device word is the first
/// config read Linux does on this machine.
/// </summary>
public static class PciHostBridge
{
    public static readonly PciFunctionIdentity Identity = new(VendorId: 0x1B36, DeviceId: 0x0008, ClassCode: 0x06_00_00);

    public static PciConfigSpace Create() => new(Identity);
}
