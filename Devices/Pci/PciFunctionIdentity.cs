namespace LoongsonDbt.Devices.Pci;

/// <summary>
/// The read-only identification fields of a type-0 configuration header.
/// </summary>
/// <param name="ClassCode">Base class, subclass and programming interface as one 24-bit value (e.g. 0x060000).</param>
/// <param name="SubsystemVendorId">QEMU gives every device Red Hat/Qumranet's 0x1AF4 unless the model says otherwise.</param>
/// <param name="SubsystemId">QEMU's default 0x1100.</param>
public readonly record struct PciFunctionIdentity(
    ushort VendorId,
    ushort DeviceId,
    uint ClassCode,
    byte RevisionId = 0,
    ushort SubsystemVendorId = 0x1AF4,
    ushort SubsystemId = 0x1100);
