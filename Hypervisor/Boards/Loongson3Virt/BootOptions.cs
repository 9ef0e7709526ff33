namespace LoongsonDbt.Hypervisor.Boards.Loongson3Virt;

/// <summary>What a direct kernel boot is asked for: QEMU's <c>-kernel</c>, <c>-initrd</c>, <c>-append</c>, <c>-m</c> and <c>-smp</c>.</summary>
public sealed record BootOptions(string KernelPath, string? InitrdPath, string CommandLine, ulong MemoryBytes, int CpuCount = 1);
