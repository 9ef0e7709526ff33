using LoongsonDbt.Cli;
using LoongsonDbt.Tests.Boot;
using LoongsonDbt.Tests.Support;

namespace LoongsonDbt.Tests.Cli;

/// <summary><c>loongson-dbt initramfs</c> end to end: the file it writes, read back by the host's gzip and cpio.</summary>
[TestFixture]
[NonParallelizable]
public sealed class InitramfsCommandTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("loongson-dbt-initramfs").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private static string ShippedInit => Path.Combine(AppContext.BaseDirectory, "initramfs", "init");

    [Test]
    public void BuildsTheImageFromTheShippedInitAGivenBusyboxAndAddedFiles()
    {
        string busybox = Write("busybox", [0x7F, (byte)'E', (byte)'L', (byte)'F', 42]);
        string extra = Write("hello.txt", "hello guest\n"u8.ToArray());
        string output = Path.Combine(_directory, "initramfs.gz");

        (int exitCode, string stdout, string stderr) = InProcessCli.Run("initramfs", output, "--busybox", busybox, "--add", $"{extra}=/root/hello.txt");

        Assert.That(exitCode, Is.Zero, stderr);
        Assert.That(stdout, Does.StartWith($"{output}: 16 entries, "));
        Assert.That(HostCpio.GzipComplaint(output), Is.Null);
        string root = Unpack(output);
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllBytes(Path.Combine(root, "init")), Is.EqualTo(File.ReadAllBytes(ShippedInit)));
            Assert.That(File.ReadAllBytes(Path.Combine(root, "bin/busybox")), Is.EqualTo(File.ReadAllBytes(busybox)));
            Assert.That(File.ReadAllText(Path.Combine(root, "root/hello.txt")), Is.EqualTo("hello guest\n"));
            Assert.That(HostCpio.Line(CpioListing(output), "dev/console"), Does.Match(@"^crw------- +1 root +root +5, +1 "));
        });
    }

    [Test]
    public void InitOptionReplacesTheRecipe()
    {
        string init = Write("my-init", "#!/bin/busybox sh\nexec poweroff -f\n"u8.ToArray());
        string output = Path.Combine(_directory, "initramfs.gz");

        (int exitCode, _, string stderr) = InProcessCli.Run("initramfs", output, "--busybox", init, "--init", init);

        Assert.That(exitCode, Is.Zero, stderr);
        Assert.That(File.ReadAllBytes(Path.Combine(Unpack(output), "init")), Is.EqualTo(File.ReadAllBytes(init)));
    }

    [Test]
    [Category("Guest")]
    public void DefaultBusyboxIsDebians()
    {
        string output = Path.Combine(_directory, "initramfs.gz");

        (int exitCode, _, string stderr) = InProcessCli.Run("initramfs", output);

        Assert.That(exitCode, Is.Zero, stderr);
        Assert.That(File.ReadAllBytes(Path.Combine(Unpack(output), "bin/busybox")), Is.EqualTo(File.ReadAllBytes(DebianGuest.BusyboxPath)));
    }

    /// <summary>The recipe must at least parse; its busybox-only commands are not run on the host.</summary>
    [Test]
    public void ShippedInitIsABusyboxShellScriptThatParses()
    {
        string script = File.ReadAllText(ShippedInit);
        HostProcessResult syntax = HostProcess.Run("sh", "-n", ShippedInit);

        Assert.That(script, Does.StartWith("#!/bin/busybox sh\n"));
        Assert.That(syntax.ExitCode, Is.Zero, syntax.Error);
        Assert.That(script, Does.Contain("--install -s").And.Contain("exec setsid cttyhack sh"));
    }

    [Test]
    public void MissingInitIsAClearError()
    {
        (int exitCode, _, string stderr) = InProcessCli.Run("initramfs", Path.Combine(_directory, "x.gz"), "--init", "/nonexistent/init", "--busybox", "/bin/true");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("/nonexistent/init: no such file"));
    }

    [Test]
    public void AddWithoutAGuestPathIsAClearError()
    {
        (int exitCode, _, string stderr) = InProcessCli.Run("initramfs", Path.Combine(_directory, "x.gz"), "--busybox", "/bin/true", "--add", "/etc/hostname");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("--add '/etc/hostname': expected HOSTPATH=GUESTPATH"));
    }

    private string Write(string name, byte[] contents)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, contents);
        return path;
    }

    private string Unpack(string compressed)
    {
        string archive = compressed + ".cpio";
        File.WriteAllBytes(archive, HostCpio.Gunzip(compressed));
        string root = Directory.CreateDirectory(Path.Combine(_directory, "root")).FullName;
        HostCpio.Extract(archive, root, "init", "bin/busybox", "root/*");
        return root;
    }

    private static string[] CpioListing(string compressed)
    {
        string archive = compressed + ".cpio";
        File.WriteAllBytes(archive, HostCpio.Gunzip(compressed));
        return HostCpio.List(archive);
    }
}
