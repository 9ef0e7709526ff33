using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using LoongsonDbt.Cli.Guests;
using LoongsonDbt.Cli.Terminal;
using LoongsonDbt.Hypervisor;
using LoongsonDbt.Hypervisor.Boards.Loongson3Virt;
using LoongsonDbt.Hypervisor.Boot;
using LoongsonDbt.Runtime.Images;
using LoongsonDbt.Translator.Execution;
using LoongsonDbt.Translator.Inspection;

namespace LoongsonDbt.Cli.Commands;

/// <summary>
/// <c>loongson-dbt boot</c>: boot a kernel on the Loongson-3 virt machine, as
/// <c>qemu-system-mips64el -M loongson3-virt -kernel ... -initrd ... -append ... -m ...</c> does, with the
/// serial console on this terminal. With no kernel given it boots the fetched Debian kernel with the
/// busybox initramfs of samples/initramfs, to a shell.
/// </summary>
internal static unsafe class BootCommand
{
    /// <summary>QEMU's default RAM size for loongson3-virt.</summary>
    private const string DefaultMemory = "1600M";

    private const string DefaultCommandLine = "console=ttyS0";

    public static Command Create()
    {
        var kernel = new Option<FileInfo?>("--kernel", "-kernel") { Description = "The kernel (ELF, e.g. Debian's vmlinuz-*-loongson-3). Default: the fetched Debian kernel." };
        var initrd = new Option<FileInfo?>("--initrd", "-initrd") { Description = "An initramfs or initrd. Default with the Debian kernel: the busybox shell initramfs." };
        var append = new Option<string>("--append", "-append") { Description = $"The kernel command line. Default: \"{DefaultCommandLine}\"." };
        var memory = new Option<string>("--memory", "-m") { Description = $"RAM size, QEMU style (1G, 1024M, or MiB). Default: {DefaultMemory}." };
        var engine = new Option<EngineMode>("--engine") { Description = "tiered (default), interpreter, or compiled." };
        var threshold = new Option<int?>("--compile-threshold") { Description = "Interpreted runs of a block before it is compiled." };
        var profile = new Option<bool>("--profile") { Description = "At power-off, print the hottest blocks and the machine's totals on stderr." };
        var dumpIl = new Option<FileInfo?>("--dump-il") { Description = "At power-off, write the compiled blocks as a .dll that ILSpy or ikdasm can open." };
        var command = new Command("boot", "Boot a kernel on the Loongson-3 virt machine (one Loongson-3A1000 core). Ctrl-A x quits.")
        {
            kernel, initrd, append, memory, engine, threshold, profile, dumpIl,
        };

        command.SetAction(parse =>
        {
            BootOptions options = Options(parse.GetValue(kernel), parse.GetValue(initrd), parse.GetValue(append),
                ParseMemory(parse.GetValue(memory) ?? DefaultMemory));
            var engineOptions = new EngineOptions { Mode = parse.GetValue(engine) };
            if (parse.GetValue(threshold) is int compileThreshold)
            {
                engineOptions = engineOptions with { CompileThreshold = compileThreshold };
            }

            return Boot(options, engineOptions, parse.GetValue(profile), parse.GetValue(dumpIl));
        });
        return command;
    }

    /// <summary>Parses a QEMU-style size: a number of MiB, or a number with a K/M/G/T suffix.</summary>
    private static ulong ParseMemory(string text)
    {
        string trimmed = text.Trim();
        ulong scale = 1UL << 20;
        if (trimmed.Length > 0 && char.IsLetter(trimmed[^1]))
        {
            scale = char.ToUpperInvariant(trimmed[^1]) switch
            {
                'K' => 1UL << 10,
                'M' => 1UL << 20,
                'G' => 1UL << 30,
                'T' => 1UL << 40,
                _ => throw new FormatException($"memory size '{text}': unknown suffix (use K, M, G or T)"),
            };
            trimmed = trimmed[..^1];
        }

        if (!ulong.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value) || value == 0)
        {
            throw new FormatException($"memory size '{text}' is not a size (e.g. 1G, 1024M)");
        }

        return value * scale;
    }

    private static BootOptions Options(FileInfo? kernel, FileInfo? initrd, string? append, ulong memoryBytes)
    {
        string commandLine = append ?? DefaultCommandLine;
        if (kernel is not null)
        {
            return new BootOptions(kernel.FullName, initrd?.FullName, commandLine, memoryBytes);
        }

        DebianGuest guest = DebianGuest.Fetch();
        string initrdPath = initrd?.FullName ?? BuildDefaultInitramfs(guest);
        return new BootOptions(guest.KernelPath, initrdPath, commandLine, memoryBytes);
    }

    /// <summary>The recipe's initramfs in the guest cache, rebuilt when busybox or the recipe changed.</summary>
    private static string BuildDefaultInitramfs(DebianGuest guest)
    {
        string path = Path.Combine(guest.CacheDirectory, "initramfs-shell.cpio.gz");
        DateTime newestInput = new[] { File.GetLastWriteTimeUtc(guest.BusyboxPath), File.GetLastWriteTimeUtc(InitramfsCommand.ShippedInitPath) }.Max();
        if (!File.Exists(path) || File.GetLastWriteTimeUtc(path) < newestInput)
        {
            Initramfs image = DefaultInitramfs.Create(File.ReadAllBytes(guest.BusyboxPath), File.ReadAllBytes(InitramfsCommand.ShippedInitPath));
            string partial = path + ".partial";
            File.WriteAllBytes(partial, image.ToGzip());
            File.Move(partial, path, overwrite: true);
        }

        return path;
    }

    private static int Boot(BootOptions options, EngineOptions engineOptions, bool profile, FileInfo? dumpIl)
    {
        // Bad input is reported before the terminal goes raw.
        BootSetup setup = DirectKernelBoot.Prepare(options);
        using var terminal = new HostTerminal();
        Loongson3VirtMachine? machine = null;
        terminal.QuitRequested += () => machine?.Stop();

        // SIGINT/SIGTERM stop the machine like the console escape, so --profile and --dump-il still report.
        void StopOnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            machine?.Stop();
        }

        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopOnSignal);
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopOnSignal);
        terminal.Start(bytes => machine?.Uart.Receive(bytes));
        try
        {
            while (true)
            {
                machine = new Loongson3VirtMachine(setup, options.MemoryBytes, terminal.Write, engineOptions);
                VcpuExit exit = machine.Run();
                if (exit != VcpuExit.Reset)
                {
                    Report(machine, options, profile, dumpIl);
                    return 0;
                }

                machine.Dispose();
                machine = null;

                // A reset repeats the direct boot from the files, as QEMU re-copies kernel, initrd and argv block.
                setup = DirectKernelBoot.Prepare(options);
            }
        }
        finally
        {
            machine?.Dispose();
        }
    }

    private static void Report(Loongson3VirtMachine machine, BootOptions options, bool profile, FileInfo? dumpIl)
    {
        if (profile)
        {
            HotBlockProfile.Write(Console.Error, machine.Engine, KernelSymbols(options.KernelPath));
            Console.Error.WriteLine($"stopped at pc 0x{machine.Cpu.State->Pc:x16}, Status 0x{machine.Cpu.Cp0.Status:x8}, Cause 0x{machine.Cpu.Cp0.Cause:x8}");
            Console.Error.WriteLine($"guest exceptions by ExcCode: {string.Join(", ", machine.Vcpu.ExceptionCounts.Select((n, code) => (n, code)).Where(e => e.n > 0).Select(e => $"{e.code}:{e.n}"))}; interrupts {machine.Vcpu.Interrupts}; soft-TLB misses {machine.Cpu.Mmu.Misses}");
        }

        if (dumpIl is not null)
        {
            IlDump.Save(machine.Engine.Cache.Blocks.Where(b => b.Compiled is not null), dumpIl.FullName, fullSystem: true);
        }
    }

    /// <summary>The kernel's own symbols (kallsyms); empty when the image has none we can read.</summary>
    private static SymbolTable KernelSymbols(string kernelPath)
    {
        try
        {
            return KernelImage.Open(kernelPath).Symbols;
        }
        catch (InvalidGuestImageException)
        {
            return SymbolTable.FromElf(kernelPath);
        }
    }
}
