using System.Runtime.Versioning;
using System.Text;
using LoongsonDbt.Hypervisor.Boot;

namespace LoongsonDbt.Tests.Boot;

/// <summary>
/// The newc writer read back by the host's GNU cpio and gzip: types, modes, device numbers, symlink
/// targets, file bytes (odd and empty sizes exercise the padding) and the order the kernel needs.
/// </summary>
[TestFixture]
[UnsupportedOSPlatform("windows")] // Unix permission bits, and the host's cpio
public sealed class InitramfsTests
{
    private const UnixFileMode Mode0644 = (UnixFileMode)0b110_100_100;
    private const UnixFileMode Mode4755 = (UnixFileMode)0b100_111_101_101;

    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("loongson-dbt-cpio").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void CpioListsEveryEntryWithItsTypeModeAndTarget()
    {
        string[] listing = HostCpio.List(WriteCpio(SampleImage()));

        Assert.Multiple(() =>
        {
            Assert.That(HostCpio.Line(listing, "etc"), Does.StartWith("drwxr-xr-x "));
            Assert.That(HostCpio.Line(listing, "etc/motd"), Does.Match(@"^-rw-r--r-- +1 root +root +5 "));
            Assert.That(HostCpio.Line(listing, "etc/empty"), Does.Match(@"^-rw-r--r-- +1 root +root +0 "));
            Assert.That(HostCpio.Line(listing, "usr/bin/tool"), Does.StartWith("-rwsr-xr-x "));
            Assert.That(HostCpio.Line(listing, "usr"), Does.StartWith("drwxr-xr-x "), "parent added on its own");
            Assert.That(HostCpio.Line(listing, "tmp"), Does.StartWith("drwxrwxrwt "));
            Assert.That(HostCpio.Line(listing, "bin/sh"), Does.StartWith("lrwxrwxrwx ").And.EndWith("bin/sh -> busybox"));
            Assert.That(HostCpio.Line(listing, "dev/console"), Does.Match(@"^crw------- +1 root +root +5, +1 "));
        });
        // Parents precede what they hold: the kernel creates nothing implicitly.
        Assert.That(listing.Select(HostCpio.EntryName), Is.EqualTo(new[] { "bin", "bin/sh", "dev", "dev/console", "etc", "etc/empty", "etc/motd", "tmp", "usr", "usr/bin", "usr/bin/tool" }));
    }

    [Test]
    public void CpioExtractsTheSameBytesModesAndLinks()
    {
        string archive = WriteCpio(SampleImage());
        string root = Directory.CreateDirectory(Path.Combine(_directory, "root")).FullName;

        // Device nodes need root to create; their listing is checked above.
        HostCpio.Extract(archive, root, "etc*", "usr*", "bin*", "tmp");

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllBytes(Path.Combine(root, "etc/motd")), Is.EqualTo("hello"u8.ToArray()));
            Assert.That(new FileInfo(Path.Combine(root, "etc/empty")).Length, Is.Zero);
            Assert.That(File.ReadAllBytes(Path.Combine(root, "usr/bin/tool")), Is.EqualTo(ToolBytes));
            Assert.That(File.GetUnixFileMode(Path.Combine(root, "usr/bin/tool")), Is.EqualTo(Mode4755));
            Assert.That(File.GetUnixFileMode(Path.Combine(root, "etc/motd")), Is.EqualTo(Mode0644));
            Assert.That(new FileInfo(Path.Combine(root, "bin/sh")).LinkTarget, Is.EqualTo("busybox"));
        });
    }

    [Test]
    public void GzipOutputIsSoundAndHoldsTheArchive()
    {
        Initramfs image = SampleImage();
        string compressed = Path.Combine(_directory, "initramfs.gz");
        File.WriteAllBytes(compressed, image.ToGzip());

        Assert.That(HostCpio.GzipComplaint(compressed), Is.Null);
        Assert.That(HostCpio.Gunzip(compressed), Is.EqualTo(image.ToCpio()));
    }

    [Test]
    public void SameInputsGiveTheSameBytes()
    {
        byte[] first = SampleImage().ToGzip();
        byte[] second = SampleImage().ToGzip();

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void ArchiveIsNewcWithATrailer()
    {
        byte[] archive = SampleImage().ToCpio();
        string text = Encoding.ASCII.GetString(archive);

        Assert.That(text, Does.StartWith("070701"));
        Assert.That(text, Does.Contain("TRAILER!!!\0"));
        Assert.That(archive.Length % 4, Is.Zero);
    }

    [Test]
    public void HostTreeIsCopiedWithModesAndSymlinks()
    {
        string tree = Directory.CreateDirectory(Path.Combine(_directory, "tree", "sub")).Parent!.FullName;
        File.WriteAllText(Path.Combine(tree, "sub", "script"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(tree, "sub", "script"), (UnixFileMode)0b111_101_000);
        File.CreateSymbolicLink(Path.Combine(tree, "link"), "sub/script");
        var image = new Initramfs();

        image.AddHostPath(tree, "/opt/tree");
        string[] listing = HostCpio.List(WriteCpio(image));

        Assert.That(image.Paths, Is.EqualTo(new[] { "opt", "opt/tree", "opt/tree/link", "opt/tree/sub", "opt/tree/sub/script" }));
        Assert.That(HostCpio.Line(listing, "opt/tree/sub/script"), Does.StartWith("-rwxr-x--- "));
        Assert.That(HostCpio.Line(listing, "opt/tree/link"), Does.EndWith("opt/tree/link -> sub/script"));
    }

    [Test]
    public void HostDirectoryForRootIsAnOverlay()
    {
        string overlay = Directory.CreateDirectory(Path.Combine(_directory, "overlay", "etc")).Parent!.FullName;
        File.WriteAllText(Path.Combine(overlay, "etc", "hostname"), "guest\n");
        var image = new Initramfs();

        image.AddHostPath(overlay, "/");

        Assert.That(image.Paths, Is.EqualTo(new[] { "etc", "etc/hostname" }));
    }

    [Test]
    public void LaterEntryReplacesAnEarlierOne()
    {
        var image = new Initramfs();
        image.AddFile("/init", "old"u8.ToArray(), Mode0644);

        image.AddFile("init", "new"u8.ToArray(), Mode0644);

        Assert.That(image.Paths, Is.EqualTo(new[] { "init" }));
        Assert.That(Encoding.ASCII.GetString(image.ToCpio()), Does.Contain("init\0").And.Contain("new").And.Not.Contain("old"));
    }

    [TestCase("")]
    [TestCase("/")]
    [TestCase("../etc/passwd")]
    [TestCase("/bin/./sh")]
    public void UnusablePathsAreRejected(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => new Initramfs().AddFile(path, default, Mode0644));

        Assert.That(error.Message, Does.Contain("not a usable guest path"));
    }

    [Test]
    public void NothingGoesInsideAFile()
    {
        var image = new Initramfs();
        image.AddFile("/etc", "x"u8.ToArray(), Mode0644);

        var error = Assert.Throws<ArgumentException>(() => image.AddFile("/etc/motd", default, Mode0644));

        Assert.That(error.Message, Does.Contain("/etc is a RegularFile"));
    }

    [Test]
    public void MissingHostPathIsNamed()
    {
        var error = Assert.Throws<FileNotFoundException>(() => new Initramfs().AddHostPath("/nonexistent/file", "/x"));

        Assert.That(error.Message, Is.EqualTo("/nonexistent/file: no such file or directory"));
    }

    private static byte[] ToolBytes => [.. Enumerable.Range(0, 1027).Select(i => (byte)(i * 7))];

    private static Initramfs SampleImage()
    {
        var image = new Initramfs();
        image.AddDirectory("/etc");
        image.AddFile("/etc/motd", "hello"u8.ToArray(), Mode0644);
        image.AddFile("/etc/empty", default, Mode0644);
        image.AddFile("/usr/bin/tool", ToolBytes, Mode4755);
        image.AddDirectory("/tmp", (UnixFileMode)0b1_111_111_111);
        image.AddSymlink("/bin/sh", "busybox");
        image.AddCharacterDevice("/dev/console", 5, 1, (UnixFileMode)0b110_000_000);
        return image;
    }

    private string WriteCpio(Initramfs image)
    {
        string path = Path.Combine(_directory, "initramfs.cpio");
        File.WriteAllBytes(path, image.ToCpio());
        return path;
    }
}
