using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using LoongsonDbt.Hypervisor.Boot;
using LoongsonDbt.Tests.Support;
using LoongsonDbt.Tests.UserMode;

namespace LoongsonDbt.Tests.Hypervisor;

/// <summary>
/// Debian's loongson-3 kernel booted end to end by <c>loongson-dbt boot</c>, checked against the kernel's
/// own console: the milestones QEMU's loongson3-virt shows (PLATFORM.md §9), commands run by /init, a
/// checksum the host recomputes, a clean power-off, and no sign of a kernel failure.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DebianBootTests
{
    private const string Marker = "LOONGSON-DBT-INIT-REACHED";

    /// <summary>The file /init writes and checksums: the numbers 1..50000, one per line, as busybox seq prints them.</summary>
    private const int SequenceLength = 50000;

    private static readonly string s_initScript = $$"""
        #!/bin/busybox sh
        /bin/busybox mount -t proc proc /proc
        /bin/busybox --install -s
        echo {{Marker}}
        uname -a
        cat /proc/cpuinfo
        cat /proc/interrupts
        seq 1 {{SequenceLength}} > /tmp/sequence
        echo "checksum: $(sha256sum /tmp/sequence)"
        echo "date: $(date -u +%Y)"
        poweroff -f
        """;

    private static readonly string[] s_failureSigns = ["Oops", "BUG", "Kernel panic", "Call Trace"];

    private string _initrd = null!;

    [OneTimeSetUp]
    public void BuildInitramfs()
    {
        _initrd = Path.Combine(Path.GetTempPath(), $"loongson-dbt-boot-test-{Environment.ProcessId}.cpio.gz");
        Initramfs image = DefaultInitramfs.Create(File.ReadAllBytes(DebianGuest.BusyboxPath), Encoding.ASCII.GetBytes(s_initScript.Replace("\r", "")));
        File.WriteAllBytes(_initrd, image.ToGzip());
    }

    [OneTimeTearDown]
    public void RemoveInitramfs() => File.Delete(_initrd);

    [TestCase("")]
    [TestCase("nokaslr")]
    public void BootsToInitRunsCommandsAndPowersOff(string extraArguments)
    {
        HostProcessResult result = Boot(["--kernel", DebianGuest.KernelPath, "--initrd", _initrd, "--append", $"console=ttyS0 {extraArguments}".Trim()], stdin: null);
        string console = Encoding.UTF8.GetString(result.Output);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, $"exit status; stderr: {result.Error}");
            Assert.That(console, Does.Contain("MIPS: machine is loongson,loongson64v-4core-virtio"));
            Assert.That(console, Does.Contain("CPU0 revision is: 00006305 (ICT Loongson-3)"));
            Assert.That(console, Does.Contain("1fe001e0.serial: ttyS0 at MMIO 0x1fe001e0 (irq = 1, base_baud = 2062500) is a 16550A"));
            Assert.That(console, Does.Contain("pci 0000:00:00.0: [1b36:0008] type 00 class 0x060000"));
            Assert.That(console, Does.Contain("smp: Brought up 1 node, 1 CPU"));
            Assert.That(console, Does.Contain("Run /init as init process"));
            Assert.That(console, Does.Contain(Marker));
            Assert.That(console, Does.Match(@"Linux \S+ 6\.1\.0-\d+-loongson-3 #1 SMP PREEMPT Debian 6\.1\.\d+-\d+ .* mips64 GNU/Linux"));
            Assert.That(console, Does.Contain("machine\t\t\t: loongson,loongson64v-4core-virtio"));
            Assert.That(console, Does.Contain("cpu model\t\t: ICT Loongson-3 V0.5  FPU V0.1"));
            Assert.That(console, Does.Match(@"\d+:\s+\d+\s+MIPS\s+7\s+timer"), "the timer interrupt counts in /proc/interrupts");
            Assert.That(console, Does.Match(@"\d+:\s+\d+\s+interrupt-controller@3ff01400\s+0\s+ttyS0"));
            Assert.That(console, Does.Contain($"checksum: {SequenceSha256()}  /tmp/sequence"));
            // This kernel has no driver for the board's RTC, so under QEMU too the clock starts at the epoch.
            Assert.That(console, Does.Contain("date: 1970"));
            Assert.That(console, Does.Contain("reboot: Power down"));
            foreach (string sign in s_failureSigns)
            {
                Assert.That(console, Does.Not.Contain(sign));
            }
        });
    }

    [Test]
    public void ShellCommandTypedOnStdinRunsAndItsOutputComesBack()
    {
        // The default initramfs drops to a shell; like a user, type only once its prompt is there.
        var startInfo = new ProcessStartInfo(Dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])[DbtUser.CliPath, "boot", "-m", "1G"])
        {
            startInfo.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(startInfo)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        var console = new StringBuilder();
        try
        {
            Assert.That(ReadUntil(process, console, "/root # "), Is.True, $"no shell prompt; console:\n{console}");
            process.StandardInput.Write("echo typed-$((6 * 7))\n");
            process.StandardInput.Flush();
            Assert.That(ReadUntil(process, console, "typed-42"), Is.True, $"the command's output did not come back; console:\n{console}");
            process.StandardInput.Write("poweroff -f\n");
            process.StandardInput.Flush();
            Assert.That(ReadUntil(process, console, "reboot: Power down"), Is.True, $"no power-off; console:\n{console}");
            Assert.That(process.WaitForExit(TimeSpan.FromSeconds(30)), Is.True, "still running after power-off");
            Assert.That(process.ExitCode, Is.Zero, error.Result);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    /// <summary>Reads the console until <paramref name="text"/> appears (true) or the guest goes quiet for long or exits (false).</summary>
    private static bool ReadUntil(Process process, StringBuilder console, string text)
    {
        char[] buffer = new char[4096];
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (!console.ToString().Contains(text, StringComparison.Ordinal))
        {
            Task<int> read = process.StandardOutput.ReadAsync(buffer, 0, buffer.Length);
            if (!read.Wait(deadline - DateTime.UtcNow) || read.Result == 0)
            {
                return false;
            }

            console.Append(buffer, 0, read.Result);
        }

        return true;
    }

    private static HostProcessResult Boot(string[] arguments, byte[]? stdin)
    {
        return GuestProcess.Run(Dotnet, [DbtUser.CliPath, "boot", "-m", "1G", .. arguments],
            new UserRunOptions { Stdin = stdin, Timeout = TimeSpan.FromMinutes(4) });
    }

    private static string SequenceSha256()
    {
        var text = new StringBuilder();
        for (int i = 1; i <= SequenceLength; i++)
        {
            text.Append(i).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(text.ToString())));
    }
}
