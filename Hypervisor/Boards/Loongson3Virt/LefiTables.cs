using System.Buffers.Binary;
using System.Text;

namespace LoongsonDbt.Hypervisor.Boards.Loongson3Virt;

/// <summary>
/// The LEFI ("Loongson EFI") boot parameter block the kernel finds through a2 (PLATFORM.md §3.6): the
/// firmware's description of CPUs, memory and reset hooks, laid out byte for byte as QEMU 7.2 writes it.
/// Linux checks no magic, version or checksum here, so a wrong offset would show only as a kernel
/// that boots with the wrong memory or CPU count; hence every table sits exactly where QEMU puts it.
/// </summary>
public static class LefiTables
{
    /// <summary>The whole blob, as mapped into the boot ROM at <see cref="Loongson3VirtMemoryMap.LefiBase"/>.</summary>
    public const int Size = 64 * 1024;

    /// <summary>
    /// The clock reported to Linux. Linux runs CP0 Count at half of it (400 MHz) and calibrates its
    /// timer from this value, so the CPU's Count must advance at that rate.
    /// </summary>
    public const uint CpuClockHz = 800_000_000;

    /// <summary>The PRId of CPU0 (Loongson-3A1000, 3A R1); it must match what the CPU model reports.</summary>
    public const uint ProcessorId = 0x6305;

    // QEMU places each table at the next 64-byte boundary after the previous one, in this order. The
    // sizes are QEMU's structures (Linux's own end earlier for cpuinfo and system, which is harmless).
    private const int TableAlignment = 64;
    private const int BootParamsSize = 0x98;
    private const int CpuInfoSize = 90;
    private const int MemoryMapEntries = 128;
    private const int MemoryMapEntrySize = 24;
    private const int MemoryMapHeaderSize = 10;
    private const int MemoryMapSize = MemoryMapHeaderSize + MemoryMapEntries * MemoryMapEntrySize;
    private const int SystemSize = 9076;
    private const int IrqTableSize = 84;
    private const int InterfaceSize = 69;
    private const int ResourceTableSize = 72 + 128 * 88;

    private const int BootParamsOffset = 0;
    private const int CpuInfoOffset = (BootParamsOffset + BootParamsSize + TableAlignment - 1) & -TableAlignment;
    private const int MemoryMapOffset = (CpuInfoOffset + CpuInfoSize + TableAlignment - 1) & -TableAlignment;
    private const int SystemOffset = (MemoryMapOffset + MemoryMapSize + TableAlignment - 1) & -TableAlignment;
    private const int IrqTableOffset = (SystemOffset + SystemSize + TableAlignment - 1) & -TableAlignment;
    private const int InterfaceOffset = (IrqTableOffset + IrqTableSize + TableAlignment - 1) & -TableAlignment;
    private const int BoardDevicesOffset = (InterfaceOffset + InterfaceSize + TableAlignment - 1) & -TableAlignment;
    private const int SpecialAttributeOffset = (BoardDevicesOffset + ResourceTableSize + TableAlignment - 1) & -TableAlignment;

    /// <summary>
    /// Where <c>struct loongson_params</c> sits inside boot_params (in efi.smbios); every table offset
    /// it holds is relative to this, not to the start of the blob.
    /// </summary>
    private const int LoongsonParamsOffset = 0x28;

    private const ushort SmbiosVersion = 1;
    private const uint CpuTypeLoongson3A = 0x300;
    private const uint MemoryFrequencyHz = 300_000_000;
    private const uint SystemRamLow = 1;
    private const uint SystemRamHigh = 2;
    private const uint UartIoTypeMemory = 2;
    private const uint UartClockHz = 25_000_000;
    private const uint UartInterruptOffset = 2;
    private const ushort DmaMaskBits = 64;
    private const ushort InterfaceVersion = 1;
    private const string InterfaceDescription = "UEFI_Version_v1.0";
    private const string BoardName = "Loongson-3A-VIRT-1w-V1.00-demo";
    private const string SpecialName = "2018-05-01";

    /// <summary>The block for a machine with <paramref name="memoryBytes"/> of RAM and <paramref name="cpuCount"/> CPUs.</summary>
    public static byte[] Build(ulong memoryBytes, int cpuCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(memoryBytes, Loongson3VirtMemoryMap.MinimumRamSize);
        ArgumentOutOfRangeException.ThrowIfNotEqual(memoryBytes % Loongson3VirtMemoryMap.MiB, 0UL, nameof(memoryBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(cpuCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cpuCount, Loongson3VirtMemoryMap.MaximumCpuCount);

        var blob = new byte[Size];
        WriteBootParams(blob.AsSpan(BootParamsOffset, BootParamsSize));
        WriteCpuInfo(blob.AsSpan(CpuInfoOffset, CpuInfoSize), cpuCount);
        WriteMemoryMap(blob.AsSpan(MemoryMapOffset, MemoryMapSize), memoryBytes);
        WriteSystem(blob.AsSpan(SystemOffset, SystemSize));
        WriteIrqTable(blob.AsSpan(IrqTableOffset, IrqTableSize));
        WriteInterface(blob.AsSpan(InterfaceOffset, InterfaceSize));
        WriteBoardDevices(blob.AsSpan(BoardDevicesOffset, ResourceTableSize));
        WriteSpecialAttribute(blob.AsSpan(SpecialAttributeOffset, ResourceTableSize));
        return blob;
    }

    // struct boot_params: efi_loongson (mps, acpi, acpi20, smbios {vers, vga_bios, loongson_params},
    // sal_systab, boot_info), then efi_reset_system_t. Natural alignment.
    private static void WriteBootParams(Span<byte> table)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(table[0x18..], SmbiosVersion);
        Span<byte> loongsonParams = table[LoongsonParamsOffset..];
        WriteU64(loongsonParams, 0x00, MemoryMapOffset - LoongsonParamsOffset);
        WriteU64(loongsonParams, 0x08, CpuInfoOffset - LoongsonParamsOffset);
        WriteU64(loongsonParams, 0x10, SystemOffset - LoongsonParamsOffset);
        WriteU64(loongsonParams, 0x18, IrqTableOffset - LoongsonParamsOffset);
        WriteU64(loongsonParams, 0x20, InterfaceOffset - LoongsonParamsOffset);
        WriteU64(loongsonParams, 0x28, SpecialAttributeOffset - LoongsonParamsOffset);
        WriteU64(loongsonParams, 0x30, BoardDevicesOffset - LoongsonParamsOffset);

        // reset_system: ResetCold, ResetWarm, ResetType, Shutdown, DoSuspend. Linux calls these as
        // functions; DoSuspend stays 0 as in QEMU 7.2, which keeps suspend-to-RAM off.
        ulong reset = Loongson3VirtMemoryMap.ToKseg1(Loongson3VirtMemoryMap.BootRomBase + BootRom.ResetOffset);
        ulong powerOff = Loongson3VirtMemoryMap.ToKseg1(Loongson3VirtMemoryMap.BootRomBase + BootRom.PowerOffOffset);
        WriteU64(table, 0x70, reset);
        WriteU64(table, 0x78, reset);
        WriteU64(table, 0x88, powerOff);
    }

    // struct efi_cpuinfo_loongson, packed. QEMU's copy ends with a 64-byte cpuname Linux does not declare.
    private static void WriteCpuInfo(Span<byte> table, int cpuCount)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(table[2..], ProcessorId);
        BinaryPrimitives.WriteUInt32LittleEndian(table[6..], CpuTypeLoongson3A);
        uint nodes = (uint)((cpuCount + Loongson3VirtMemoryMap.CoresPerNode - 1) / Loongson3VirtMemoryMap.CoresPerNode);
        BinaryPrimitives.WriteUInt32LittleEndian(table[10..], nodes);
        // cpu_startup_core_id and reserved_cores_mask stay 0: CPU0 boots and no core is held back.
        BinaryPrimitives.WriteUInt32LittleEndian(table[18..], CpuClockHz);
        BinaryPrimitives.WriteUInt32LittleEndian(table[22..], (uint)cpuCount);
    }

    // struct efi_memory_map_loongson: a packed header, then entries with a natural 24-byte layout.
    // Linux gets the low alias minus its top 16 MiB, and all RAM after the first 256 MiB; sizes in MiB.
    private static void WriteMemoryMap(Span<byte> table, ulong memoryBytes)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(table[2..], 2);
        BinaryPrimitives.WriteUInt32LittleEndian(table[6..], MemoryFrequencyHz);
        Span<byte> entries = table[MemoryMapHeaderSize..];
        WriteMemoryEntry(entries[..MemoryMapEntrySize], SystemRamLow, Loongson3VirtMemoryMap.LowRamAliasBase,
            Loongson3VirtMemoryMap.LowRamUsableSize);
        WriteMemoryEntry(entries[MemoryMapEntrySize..], SystemRamHigh, Loongson3VirtMemoryMap.HighRamUsableBase,
            memoryBytes - Loongson3VirtMemoryMap.LowRamAliasSize);
    }

    private static void WriteMemoryEntry(Span<byte> entry, uint type, ulong start, ulong bytes)
    {
        // node_id stays 0: with at most 16 CPUs QEMU still puts all RAM on node 0.
        BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], type);
        WriteU64(entry, 8, start);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[16..], checked((uint)(bytes / Loongson3VirtMemoryMap.MiB)));
    }

    // struct system_loongson, packed. Linux 6.1 reads only `workarounds` (0); the UART entry is for
    // other consumers of LEFI, since Linux takes the UART from its built-in device tree.
    private static void WriteSystem(Span<byte> table)
    {
        const int uartsOffset = 14;
        BinaryPrimitives.WriteUInt32LittleEndian(table[6..], 1); // sing_double_channel
        BinaryPrimitives.WriteUInt32LittleEndian(table[10..], 1); // nr_uarts
        Span<byte> uart = table[uartsOffset..];
        BinaryPrimitives.WriteUInt32LittleEndian(uart, UartIoTypeMemory);
        BinaryPrimitives.WriteUInt32LittleEndian(uart[4..], UartClockHz);
        BinaryPrimitives.WriteUInt32LittleEndian(uart[8..], UartInterruptOffset);
        WriteU64(uart, 12, Loongson3VirtMemoryMap.UartBase);
    }

    // struct irq_source_routing_table, packed. Linux uses only dma_mask_bits and dma_noncoherent (0:
    // "Coherent DMA: on"); the PCI window fields are filled as QEMU does, pci_io_end_addr included (0).
    private static void WriteIrqTable(Span<byte> table)
    {
        WriteU64(table, 40, Loongson3VirtMemoryMap.PciMemoryBase);
        WriteU64(table, 48, Loongson3VirtMemoryMap.PciMemoryBase + Loongson3VirtMemoryMap.PciMemorySize - 1);
        WriteU64(table, 56, Loongson3VirtMemoryMap.PciIoBase);
        BinaryPrimitives.WriteUInt16LittleEndian(table[80..], DmaMaskBits);
    }

    // struct interface_info, packed; shown only in /sys/firmware/lefi/boardinfo.
    private static void WriteInterface(Span<byte> table)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(table, InterfaceVersion);
        Encoding.ASCII.GetBytes(InterfaceDescription, table[5..]);
    }

    // struct board_devices: name[64], num_resources (0), then an empty resource table.
    private static void WriteBoardDevices(Span<byte> table) => Encoding.ASCII.GetBytes(BoardName, table);

    // struct loongson_special_attribute: vers (0), special_name[64], type (0), an empty resource table.
    private static void WriteSpecialAttribute(Span<byte> table) => Encoding.ASCII.GetBytes(SpecialName, table[2..]);

    private static void WriteU64(Span<byte> table, int offset, ulong value) =>
        BinaryPrimitives.WriteUInt64LittleEndian(table[offset..], value);
}
