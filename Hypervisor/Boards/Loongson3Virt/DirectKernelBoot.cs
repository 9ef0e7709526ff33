namespace LoongsonDbt.Hypervisor.Boards.Loongson3Virt;

/// <summary>
/// Prepares a direct kernel boot the way QEMU's <c>loongson3-virt</c> does with <c>-kernel</c>
/// (PLATFORM.md §3): kernel, initrd and argv block in low RAM, the boot program and LEFI block in the
/// ROM, and CPU0 entering the kernel with a0 = argc, a1 = argv, a2 = LEFI. No firmware runs.
/// </summary>
public static class DirectKernelBoot
{
    /// <exception cref="BootConfigurationException">Any input is missing, foreign or does not fit; the message says which.</exception>
    public static BootSetup Prepare(BootOptions options)
    {
        ValidateMachine(options);
        LoadedKernel kernel = LoadedKernel.Load(options.KernelPath);
        MemoryImage? initrd = options.InitrdPath is null ? null : PlaceInitrd(options.InitrdPath, kernel.High);
        var argv = new MemoryImage(Loongson3VirtMemoryMap.ArgvBlockBase, ArgvBlock.Build(options.CommandLine, initrd));

        byte[] rom = BootRom.Build(LefiTables.Build(options.MemoryBytes, options.CpuCount));
        ulong[] arguments =
        [
            // a0 = argc is always 2, even for an empty command line: argv[1] is then "" and Linux's
            // check (a0 below KSEG0, a1 in it) still accepts the block.
            ArgvBlock.ArgumentCount,
            Loongson3VirtMemoryMap.ToKseg0(Loongson3VirtMemoryMap.ArgvBlockBase),
            Loongson3VirtMemoryMap.ToKseg0(Loongson3VirtMemoryMap.LefiBase),
            0,
        ];
        return new BootSetup([.. kernel.Segments, .. initrd is null ? [] : new[] { initrd }, argv], rom, kernel.EntryPc, arguments);
    }

    private static void ValidateMachine(BootOptions options)
    {
        const ulong mib = Loongson3VirtMemoryMap.MiB;
        if (options.MemoryBytes < Loongson3VirtMemoryMap.MinimumRamSize)
        {
            throw new BootConfigurationException(
                $"{options.MemoryBytes / mib} MiB of RAM is too little: this machine needs at least "
                + $"{Loongson3VirtMemoryMap.MinimumRamSize / mib} MiB (QEMU refuses less)");
        }

        if (options.MemoryBytes % mib != 0)
        {
            throw new BootConfigurationException(
                $"RAM size {options.MemoryBytes} bytes is not a whole number of MiB (the firmware reports memory in MiB)");
        }

        if (options.CpuCount is < 1 or > Loongson3VirtMemoryMap.MaximumCpuCount)
        {
            throw new BootConfigurationException(
                $"{options.CpuCount} CPUs: this machine has 1 to {Loongson3VirtMemoryMap.MaximumCpuCount}");
        }
    }

    /// <summary>
    /// Puts the initrd above the kernel. It must end inside the low RAM Linux is told about: Linux
    /// drops an initrd outside known memory, and beyond the low alias there is no RAM at these addresses.
    /// </summary>
    private static MemoryImage PlaceInitrd(string path, ulong kernelHigh)
    {
        // The size is checked before reading, so a wrong file (a disk image, say) fails fast.
        ulong length = BootFile.Length("initrd", path);
        if (length == 0)
        {
            throw new BootConfigurationException($"initrd {path}: the file is empty");
        }

        ulong start = Loongson3VirtMemoryMap.InitrdBase(kernelHigh);
        if (start + length > Loongson3VirtMemoryMap.LowRamUsableSize)
        {
            throw new BootConfigurationException(
                $"initrd {path}: {length} bytes at physical 0x{start:x} would end at 0x{start + length:x}, "
                + $"beyond the {Loongson3VirtMemoryMap.LowRamUsableSize / Loongson3VirtMemoryMap.MiB} MiB of low memory "
                + $"(0x{Loongson3VirtMemoryMap.LowRamUsableSize:x}) the kernel can use");
        }

        return new MemoryImage(start, BootFile.Read("initrd", path));
    }
}
