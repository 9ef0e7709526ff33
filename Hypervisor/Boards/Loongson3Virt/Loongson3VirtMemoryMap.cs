namespace LoongsonDbt.Hypervisor.Boards.Loongson3Virt;

/// <summary>
/// Where everything lives on QEMU's <c>loongson3-virt</c> machine (PLATFORM.md §1, observed in QEMU 7.2),
/// in one place so that the bus, the devices and the boot preparation never disagree on an address.
/// Addresses are physical unless the name says otherwise.
/// </summary>
public static class Loongson3VirtMemoryMap
{
    public const ulong MiB = 1024 * 1024;

    // RAM. The whole block sits high; its first 256 MiB also appear at 0, which is where the kernel
    // runs (KSEG0 only reaches the low 512 MiB of the physical space).

    /// <summary>Start of the whole RAM block (QEMU's "high memory"); its size is <c>-m</c>.</summary>
    public const ulong RamBase = 0x8000_0000;

    /// <summary>The low alias: the same bytes as the first 256 MiB at <see cref="RamBase"/>.</summary>
    public const ulong LowRamAliasBase = 0x0000_0000;

    public const ulong LowRamAliasSize = 256 * MiB;

    /// <summary>
    /// How much of the low alias the firmware tables give Linux; the top 16 MiB (holding the argv
    /// block) are never handed out, so whatever the kernel must find in RAM has to end below this.
    /// </summary>
    public const ulong LowRamUsableSize = 240 * MiB;

    /// <summary>Where the second (high) RAM range Linux is told about starts: RAM after its first 256 MiB.</summary>
    public const ulong HighRamUsableBase = RamBase + LowRamAliasSize;

    /// <summary>QEMU refuses less: the low alias and a high range must both exist.</summary>
    public const ulong MinimumRamSize = 512 * MiB;

    /// <summary>QEMU's limit for this machine (and Linux's NR_CPUS in Debian's kernel).</summary>
    public const int MaximumCpuCount = 16;

    /// <summary>Cores per node: a node's IPI blocks, chip registers and LIOINTC outputs serve four cores.</summary>
    public const int CoresPerNode = 4;

    /// <summary>Linux addresses node N's copy of a per-node register block as <c>(N &lt;&lt; 44) | address</c>.</summary>
    public const int NodeAddressShift = 44;

    // Boot ROM (§3.2, §4.1).

    public const ulong BootRomBase = 0x1FC0_0000;

    public const ulong BootRomSize = 2 * MiB;

    /// <summary>Where the LEFI parameter block starts inside the ROM, after the boot program's 4 KiB page.</summary>
    public const ulong LefiRomOffset = 0x1000;

    public const ulong LefiBase = BootRomBase + LefiRomOffset;

    /// <summary>The reset vector every CPU other than CPU0 starts at: the ROM through uncached KSEG1.</summary>
    public const ulong ResetVector = 0xFFFF_FFFF_BFC0_0000;

    // What direct kernel boot puts into low RAM (§3.2).

    /// <summary>Kernel segments go to their ELF address with the KSEG bits stripped (QEMU's KSEG0-to-physical rule).</summary>
    public const ulong KernelPhysicalAddressMask = 0x1FFF_FFFF;

    /// <summary>The initrd never goes below this, however small the kernel.</summary>
    public const ulong InitrdMinimumBase = 0x0400_0000;

    /// <summary>The initrd starts on this boundary after the kernel; a multiple of Linux's 16 KiB page, which it requires.</summary>
    public const ulong InitrdAlignment = 64 * 1024;

    /// <summary>The argv array and its strings (a 1 MiB zero-filled region in QEMU, of which 256 bytes are used).</summary>
    public const ulong ArgvBlockBase = 0x0FF0_0000;

    // Read-as-zero backgrounds: any access that hits no device below lands here and never faults.

    public const ulong Fallback0Base = 0x1000_0000;

    public const ulong Fallback0Size = 256 * MiB;

    public const ulong Fallback1Base = 0x3000_0000;

    public const ulong Fallback1Size = 256 * MiB;

    // Devices (§1.1, §7).

    /// <summary>Power management ("loongson3_pm"); only <see cref="PowerManagementControlOffset"/> does anything.</summary>
    public const ulong PowerManagementBase = 0x1008_0000;

    public const ulong PowerManagementSize = 0x100;

    /// <summary>The byte-wide control register: <see cref="PowerManagementReset"/> resets, <see cref="PowerManagementPowerOff"/> powers off.</summary>
    public const ulong PowerManagementControlOffset = 0x10;

    public const byte PowerManagementReset = 0x00;

    public const byte PowerManagementPowerOff = 0xFF;

    /// <summary>Goldfish RTC; the device tree claims 0x1000 bytes, but QEMU decodes only the first 0x24.</summary>
    public const ulong RtcBase = 0x1008_1000;

    public const ulong RtcSize = 0x24;

    /// <summary>PCI I/O window: CPU <c>0x1800_0000 + port</c> is port <c>port</c>; only 64 KiB decode.</summary>
    public const ulong PciIoBase = 0x1800_0000;

    public const ulong PciIoSize = 64 * 1024;

    /// <summary>PCIe ECAM of the generic host, buses 0 to 31 (1 MiB each).</summary>
    public const ulong PciEcamBase = 0x1A00_0000;

    public const ulong PciEcamSize = 32 * MiB;

    /// <summary>PCI memory window, mapped 1:1 (CPU address = PCI bus address).</summary>
    public const ulong PciMemoryBase = 0x4000_0000;

    public const ulong PciMemorySize = 1024 * MiB;

    /// <summary>NS16550A, one byte per register.</summary>
    public const ulong UartBase = 0x1FE0_01E0;

    public const ulong UartSize = 8;

    /// <summary>IPI and mailbox block of node 0 (absent from QEMU 7.2 under TCG, §4.4), one <see cref="IpiCoreStride"/> per core.</summary>
    public const ulong IpiBase = 0x3FF0_1000;

    public const ulong IpiCoreStride = 0x100;

    public const ulong IpiSize = CoresPerNode * IpiCoreStride;

    /// <summary>Mailbox 0: the entry PC a secondary core waits for; non-zero releases it.</summary>
    public const ulong IpiMailboxPcOffset = 0x20;

    /// <summary>Mailbox 1: the secondary's stack pointer.</summary>
    public const ulong IpiMailboxSpOffset = 0x28;

    /// <summary>Mailbox 2: the secondary's global pointer (its idle task's thread_info).</summary>
    public const ulong IpiMailboxGpOffset = 0x30;

    /// <summary>Mailbox 3: the secondary's a1.</summary>
    public const ulong IpiMailboxA1Offset = 0x38;

    /// <summary>Loongson local I/O interrupt controller (the device tree says 0x64 bytes; QEMU decodes 0x60).</summary>
    public const ulong LiointcBase = 0x3FF0_1400;

    public const ulong LiointcSize = 0x60;

    // LIOINTC inputs of the devices.

    public const int UartIrq = 0;

    public const int RtcIrq = 1;

    /// <summary>PCI INTA; INTB, INTC and INTD follow on the next three inputs.</summary>
    public const int PciIntAIrq = 2;

    // Virtual windows the boot protocol passes addresses through (§1.3).

    /// <summary>KSEG0: cached, unmapped; the kernel's own addresses and the a1/a2 boot pointers.</summary>
    public const ulong Kseg0Base = 0xFFFF_FFFF_8000_0000;

    /// <summary>KSEG1: uncached, unmapped; the boot ROM entry points handed to Linux.</summary>
    public const ulong Kseg1Base = 0xFFFF_FFFF_A000_0000;

    /// <summary>XKPHYS with the uncached attribute: how 64-bit code (and the boot ROM) reaches MMIO.</summary>
    public const ulong XkphysUncachedBase = 0x9000_0000_0000_0000;

    /// <summary>The reach of KSEG0 and KSEG1.</summary>
    public const ulong Kseg0Size = 512 * MiB;

    public static ulong ToKseg0(ulong physical) => Kseg0Base + InKseg(physical);

    public static ulong ToKseg1(ulong physical) => Kseg1Base + InKseg(physical);

    /// <summary>The initrd's place: after the kernel's highest byte, on a 64 KiB boundary, never below 64 MiB.</summary>
    public static ulong InitrdBase(ulong kernelHigh) =>
        Math.Max(InitrdMinimumBase, (kernelHigh + InitrdAlignment - 1) & ~(InitrdAlignment - 1));

    private static ulong InKseg(ulong physical) => physical < Kseg0Size
        ? physical
        : throw new ArgumentOutOfRangeException(nameof(physical), $"0x{physical:x} is beyond KSEG0/KSEG1's 512 MiB");
}
