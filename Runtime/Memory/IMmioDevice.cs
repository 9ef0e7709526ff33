namespace LoongsonDbt.Runtime.Memory;

/// <summary>
/// A device's register window on the physical bus. Offsets are relative to the window's base; sizes
/// are 1, 2, 4 or 8 bytes and values little-endian, zero-extended. Calls may come from the vCPU thread
/// and, for devices with host-side input, concurrently from the host; a device guards its own state.
/// </summary>
public interface IMmioDevice
{
    /// <summary>False when the device answers the access with a bus error (as QEMU's models do for bad sizes).</summary>
    bool TryRead(ulong offset, int size, out ulong value);

    /// <summary>False when the device answers the access with a bus error.</summary>
    bool TryWrite(ulong offset, int size, ulong value);
}
