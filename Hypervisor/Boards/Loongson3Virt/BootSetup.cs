namespace LoongsonDbt.Hypervisor.Boards.Loongson3Virt;

/// <summary>
/// Everything the machine needs before CPU0's first instruction in a direct kernel boot.
/// </summary>
/// <param name="RamImages">
/// Kernel segments, initrd and argv block at physical addresses in the low RAM alias (below 256 MiB);
/// RAM not covered here is zero.
/// </param>
/// <param name="BootRom">The whole ROM window from <see cref="Loongson3VirtMemoryMap.BootRomBase"/>.</param>
/// <param name="EntryPc">CPU0's first PC (the kernel's ELF entry, a 64-bit KSEG0 address); other CPUs start at <see cref="Loongson3VirtMemoryMap.ResetVector"/>.</param>
/// <param name="EntryArguments">CPU0's a0..a3; every other general register, HI, LO and CP0 Status start at 0.</param>
public sealed record BootSetup(IReadOnlyList<MemoryImage> RamImages, byte[] BootRom, ulong EntryPc, IReadOnlyList<ulong> EntryArguments);
