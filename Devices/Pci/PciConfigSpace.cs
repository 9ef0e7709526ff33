using System.Buffers.Binary;

namespace LoongsonDbt.Devices.Pci;

/// <summary>
/// A conventional (256-byte) type-0 configuration space with no BARs, capabilities or interrupt pin,
/// writable where QEMU's generic PCI core makes it writable: the command register's I/O, memory, bus
/// master, SERR and INTx-disable bits, cache line size, interrupt line, and the device-specific area from
/// 0x40. Everything else, the identification fields first, keeps its power-on value.
/// </summary>
public sealed class PciConfigSpace : IPciFunction
{
    private const int Size = 256;

    private const int VendorIdOffset = 0x00;
    private const int DeviceIdOffset = 0x02;
    private const int CommandOffset = 0x04;
    private const int RevisionIdOffset = 0x08;
    private const int ClassCodeOffset = 0x09;
    private const int CacheLineSizeOffset = 0x0C;
    private const int SubsystemVendorIdOffset = 0x2C;
    private const int SubsystemIdOffset = 0x2E;
    private const int InterruptLineOffset = 0x3C;
    private const int DeviceSpecificStart = 0x40;

    /// <summary>I/O space, memory space, bus master, SERR# enable, INTx disable.</summary>
    private const ushort WritableCommandBits = 0x0507;

    private readonly Lock _lock = new();
    private readonly byte[] _powerOn = new byte[Size];
    private readonly byte[] _bytes = new byte[Size];
    private readonly byte[] _writable = new byte[Size];

    public PciConfigSpace(PciFunctionIdentity identity)
    {
        Span<byte> header = _powerOn;
        BinaryPrimitives.WriteUInt16LittleEndian(header[VendorIdOffset..], identity.VendorId);
        BinaryPrimitives.WriteUInt16LittleEndian(header[DeviceIdOffset..], identity.DeviceId);
        header[RevisionIdOffset] = identity.RevisionId;
        header[ClassCodeOffset] = (byte)identity.ClassCode;
        header[ClassCodeOffset + 1] = (byte)(identity.ClassCode >> 8);
        header[ClassCodeOffset + 2] = (byte)(identity.ClassCode >> 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header[SubsystemVendorIdOffset..], identity.SubsystemVendorId);
        BinaryPrimitives.WriteUInt16LittleEndian(header[SubsystemIdOffset..], identity.SubsystemId);
        _powerOn.CopyTo(_bytes);

        BinaryPrimitives.WriteUInt16LittleEndian(_writable.AsSpan(CommandOffset), WritableCommandBits);
        _writable[CacheLineSizeOffset] = 0xFF;
        _writable[InterruptLineOffset] = 0xFF;
        _writable.AsSpan(DeviceSpecificStart).Fill(0xFF);
    }

    public int ConfigSpaceSize => Size;

    public uint ReadConfig(int offset, int size)
    {
        lock (_lock)
        {
            uint value = 0;
            for (int i = size - 1; i >= 0; i--)
            {
                value = (value << 8) | _bytes[offset + i];
            }

            return value;
        }
    }

    public void WriteConfig(int offset, int size, uint value)
    {
        lock (_lock)
        {
            for (int i = 0; i < size; i++)
            {
                byte mask = _writable[offset + i];
                byte written = (byte)(value >> (i * 8));
                _bytes[offset + i] = (byte)((_bytes[offset + i] & ~mask) | (written & mask));
            }
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _powerOn.CopyTo(_bytes);
        }
    }
}
