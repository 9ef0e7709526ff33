using System.Buffers.Binary;
using System.Text;
using LoongsonDbt.Hypervisor.Boards.Loongson3Virt;

namespace LoongsonDbt.Tests.Boards;

/// <summary>
/// The LEFI block against PLATFORM.md §3.6, the decoded dump of QEMU 7.2's memory: every non-zero
/// field at its absolute physical address, nothing else non-zero, and the tables where Linux looks
/// for them (offsets relative to loongson_params).
/// </summary>
[TestFixture]
public sealed class LefiTablesTests
{
    private const ulong BlobAddress = 0x1FC0_1000;
    private const ulong LoongsonParamsAddress = 0x1FC0_1028;
    private const ulong MiB = 1024 * 1024;

    [TestCase(1024UL, 1, 1u)]
    [TestCase(512UL, 16, 4u)]
    [TestCase(3000UL, 5, 2u)]
    public void EveryFieldIsWhereQemuPutsItAndAllElseIsZero(ulong memoryMiB, int cpus, uint nodes)
    {
        byte[] blob = LefiTables.Build(memoryMiB * MiB, cpus);

        var expected = new byte[64 * 1024];
        void Put(ulong address, ulong value, int size)
        {
            Span<byte> field = expected.AsSpan((int)(address - BlobAddress), size);
            for (int i = 0; i < size; i++)
            {
                field[i] = (byte)(value >> (8 * i));
            }
        }

        void PutText(ulong address, string text) => Encoding.ASCII.GetBytes(text).CopyTo(expected, (int)(address - BlobAddress));

        // struct boot_params
        Put(0x1FC0_1018, 1, 2); // efi.smbios.vers
        Put(0x1FC0_1028, 0x118, 8); // memory_offset
        Put(0x1FC0_1030, 0x98, 8); // cpu_offset
        Put(0x1FC0_1038, 0xD58, 8); // system_offset
        Put(0x1FC0_1040, 0x30D8, 8); // irq_offset
        Put(0x1FC0_1048, 0x3158, 8); // interface_offset
        Put(0x1FC0_1050, 0x5E58, 8); // special_offset
        Put(0x1FC0_1058, 0x31D8, 8); // boarddev_table_offset
        Put(0x1FC0_1070, 0xFFFF_FFFF_BFC0_0080, 8); // ResetCold
        Put(0x1FC0_1078, 0xFFFF_FFFF_BFC0_0080, 8); // ResetWarm
        Put(0x1FC0_1088, 0xFFFF_FFFF_BFC0_00A8, 8); // Shutdown

        // struct efi_cpuinfo_loongson
        Put(0x1FC0_10C0 + 2, 0x6305, 4); // processor_id
        Put(0x1FC0_10C0 + 6, 0x300, 4); // cputype
        Put(0x1FC0_10C0 + 10, nodes, 4); // total_node
        Put(0x1FC0_10C0 + 18, 800_000_000, 4); // cpu_clock_freq
        Put(0x1FC0_10C0 + 22, (ulong)cpus, 4); // nr_cpus

        // struct efi_memory_map_loongson
        Put(0x1FC0_1140 + 2, 2, 4); // nr_map
        Put(0x1FC0_1140 + 6, 300_000_000, 4); // mem_freq
        Put(0x1FC0_1140 + 10 + 4, 1, 4); // map[0].mem_type SYSTEM_RAM_LOW, start 0
        Put(0x1FC0_1140 + 10 + 16, 240, 4); // map[0].mem_size (MiB)
        Put(0x1FC0_1140 + 34 + 4, 2, 4); // map[1].mem_type SYSTEM_RAM_HIGH
        Put(0x1FC0_1140 + 34 + 8, 0x9000_0000, 8); // map[1].mem_start
        Put(0x1FC0_1140 + 34 + 16, memoryMiB - 256, 4); // map[1].mem_size (MiB)

        // struct system_loongson
        Put(0x1FC0_1D80 + 6, 1, 4); // sing_double_channel
        Put(0x1FC0_1D80 + 10, 1, 4); // nr_uarts
        Put(0x1FC0_1D80 + 14, 2, 4); // uarts[0].iotype UPIO_MEM
        Put(0x1FC0_1D80 + 18, 25_000_000, 4); // uarts[0].uartclk
        Put(0x1FC0_1D80 + 22, 2, 4); // uarts[0].int_offset
        Put(0x1FC0_1D80 + 26, 0x1FE0_01E0, 8); // uarts[0].uart_base

        // struct irq_source_routing_table
        Put(0x1FC0_4100 + 40, 0x4000_0000, 8); // pci_mem_start_addr
        Put(0x1FC0_4100 + 48, 0x7FFF_FFFF, 8); // pci_mem_end_addr
        Put(0x1FC0_4100 + 56, 0x1800_0000, 8); // pci_io_start_addr
        Put(0x1FC0_4100 + 80, 64, 2); // dma_mask_bits

        // struct interface_info, board_devices, loongson_special_attribute
        Put(0x1FC0_4180, 1, 2); // vers
        PutText(0x1FC0_4180 + 5, "UEFI_Version_v1.0");
        PutText(0x1FC0_4200, "Loongson-3A-VIRT-1w-V1.00-demo");
        PutText(0x1FC0_6E80 + 2, "2018-05-01");

        Assert.That(blob, Has.Length.EqualTo(64 * 1024));
        for (int i = 0; i < blob.Length; i++)
        {
            Assert.That(blob[i], Is.EqualTo(expected[i]), $"byte at 0x{BlobAddress + (ulong)i:X8}");
        }

        Assert.That(BlobAddress + (ulong)Array.FindLastIndex(blob, b => b != 0), Is.EqualTo(0x1FC0_6E8BUL), "last non-zero byte");
    }

    /// <summary>Follows the pointers as Linux's env.c does: every table is found from loongson_params.</summary>
    [Test]
    public void LinuxFindsEachTableThroughLoongsonParams()
    {
        byte[] blob = LefiTables.Build(1024 * MiB, 2);
        ulong U64(ulong address) => BinaryPrimitives.ReadUInt64LittleEndian(blob.AsSpan((int)(address - BlobAddress)));
        uint U32(ulong address) => BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan((int)(address - BlobAddress)));
        ushort U16(ulong address) => BinaryPrimitives.ReadUInt16LittleEndian(blob.AsSpan((int)(address - BlobAddress)));
        string Text(ulong address) => Encoding.ASCII.GetString(blob, (int)(address - BlobAddress), 64).TrimEnd('\0');

        // loongson_params: memory, cpu, system, irq, interface, special, boarddev offsets.
        ulong memory = LoongsonParamsAddress + U64(LoongsonParamsAddress + 0x00);
        ulong cpu = LoongsonParamsAddress + U64(LoongsonParamsAddress + 0x08);
        ulong system = LoongsonParamsAddress + U64(LoongsonParamsAddress + 0x10);
        ulong irq = LoongsonParamsAddress + U64(LoongsonParamsAddress + 0x18);
        ulong @interface = LoongsonParamsAddress + U64(LoongsonParamsAddress + 0x20);
        ulong special = LoongsonParamsAddress + U64(LoongsonParamsAddress + 0x28);
        ulong boardDevices = LoongsonParamsAddress + U64(LoongsonParamsAddress + 0x30);

        Assert.Multiple(() =>
        {
            // The first word is efi.mps = 0, not the FDT magic, so Linux takes a2 as LEFI.
            Assert.That(U32(BlobAddress), Is.Zero);
            Assert.That(U32(cpu + 2), Is.EqualTo(0x6305), "processor_id");
            Assert.That(U32(cpu + 22), Is.EqualTo(2), "nr_cpus");
            Assert.That(U32(memory + 2), Is.EqualTo(2), "nr_map");
            Assert.That(U64(memory + 10 + 24 + 8), Is.EqualTo(0x9000_0000UL), "map[1].mem_start");
            Assert.That(U32(memory + 10 + 24 + 16), Is.EqualTo(768), "map[1].mem_size");
            Assert.That(U64(system + 9060), Is.Zero, "workarounds");
            Assert.That(U16(irq + 80), Is.EqualTo(64), "dma_mask_bits");
            Assert.That(U16(irq + 82), Is.Zero, "dma_noncoherent");
            Assert.That(Text(@interface + 5), Is.EqualTo("UEFI_Version_v1.0"));
            Assert.That(Text(boardDevices), Is.EqualTo("Loongson-3A-VIRT-1w-V1.00-demo"));
            Assert.That(Text(special + 2), Is.EqualTo("2018-05-01"));
            Assert.That(U64(BlobAddress + 0x88), Is.EqualTo(0xFFFF_FFFF_BFC0_00A8), "reset_system.Shutdown");
        });
    }

    [TestCase(256UL * 1024 * 1024, 1)]
    [TestCase(1000UL * 1024 * 1024 + 1, 1)]
    [TestCase(1024UL * 1024 * 1024, 0)]
    [TestCase(1024UL * 1024 * 1024, 17)]
    public void MachinesQemuRefusesAreRejected(ulong memoryBytes, int cpus) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LefiTables.Build(memoryBytes, cpus));
}
