using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
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
    public void ProfileAndIlDumpReportAtPowerOff()
    {
        string dump = Path.Combine(Path.GetTempPath(), $"loongson-dbt-boot-dump-{Environment.ProcessId}.dll");
        var context = new AssemblyLoadContext("boot-dump", isCollectible: true);
        try
        {
            HostProcessResult result = Boot(["--kernel", DebianGuest.KernelPath, "--initrd", _initrd, "--append", "console=ttyS0 nokaslr",
                "--profile", "--dump-il", dump], stdin: null);

            Assert.That(result.ExitCode, Is.Zero, result.Error);
            Assert.That(result.Error, Does.Contain("executions").And.Contain("compile ms"), "the hot-block table");
            Assert.That(result.Error, Does.Match(@"blocks: \d+ translated, \d+ compiled"));
            Assert.That(result.Error, Does.Match(@"guest exceptions by ExcCode: .*8:\d+"), "system calls from /init's processes were delivered");
            Assert.That(result.Error, Does.Match(@"ffffffff80[0-9a-f]{6}\s+[a-z_][a-z0-9_]*\+0x"), "kernel symbols from kallsyms (nokaslr keeps them valid)");
            MethodInfo[] methods = context.LoadFromAssemblyPath(dump).GetType("LoongsonDbt.Translated.Blocks")!
                .GetMethods(BindingFlags.Public | BindingFlags.Static);
            Assert.That(methods.Select(m => m.Name), Has.Some.StartWith("Block_ffffffff8"), "compiled kernel regions, named by address");
        }
        finally
        {
            context.Unload();
            File.Delete(dump);
        }
    }

    [Test]
    public void ShellCommandTypedOnStdinRunsAndItsOutputComesBack()
    {
        // The default initramfs drops to a shell; like a user, type only once its prompt is there.
        using var session = new ConsoleSession();
        session.WaitFor(ShellPrompt);
        session.Type("echo typed-$((6 * 7))");
        session.WaitFor("typed-42");
        session.Type("poweroff -f");
        session.WaitFor("reboot: Power down");
        session.AssertExitedCleanly();
    }

    [Test]
    public void RebootBootsTheKernelAgain()
    {
        using var session = new ConsoleSession();
        session.WaitFor(ShellPrompt);
        session.Type("reboot -f");
        session.WaitFor("reboot: Restarting system");
        session.WaitFor("Linux version 6.1.0-");
        session.WaitFor(ShellPrompt);
        session.Type("echo second-boot-$((6 * 7))");
        session.WaitFor("second-boot-42");
        session.Type("poweroff -f");
        session.WaitFor("reboot: Power down");
        session.AssertExitedCleanly();
    }

    private const string ShellPrompt = "/root # ";

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

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

    /// <summary><c>loongson-dbt boot</c> with the default shell initramfs, driven through its console like a user at a terminal.</summary>
    private sealed class ConsoleSession : IDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _error;
        private readonly StringBuilder _console = new();
        private readonly char[] _buffer = new char[4096];
        private int _consumed;

        public ConsoleSession()
        {
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

            _process = Process.Start(startInfo)!;
            _error = _process.StandardError.ReadToEndAsync();
        }

        /// <summary>Reads the console until <paramref name="text"/> appears after what earlier waits consumed.</summary>
        public void WaitFor(string text)
        {
            DateTime deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
            while (true)
            {
                int found = _console.ToString().IndexOf(text, _consumed, StringComparison.Ordinal);
                if (found >= 0)
                {
                    _consumed = found + text.Length;
                    return;
                }

                Task<int> read = _process.StandardOutput.ReadAsync(_buffer, 0, _buffer.Length);
                if (!read.Wait(deadline - DateTime.UtcNow) || read.Result == 0)
                {
                    Assert.Fail($"'{text}' did not appear; console:\n{_console}");
                }

                _console.Append(_buffer, 0, read.Result);
            }
        }

        public void Type(string line)
        {
            _process.StandardInput.Write(line + "\n");
            _process.StandardInput.Flush();
        }

        public void AssertExitedCleanly()
        {
            Assert.That(_process.WaitForExit(TimeSpan.FromSeconds(30)), Is.True, "still running after power-off");
            Assert.That(_process.ExitCode, Is.Zero, _error.Result);
            foreach (string sign in s_failureSigns)
            {
                Assert.That(_console.ToString(), Does.Not.Contain(sign));
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }
}
