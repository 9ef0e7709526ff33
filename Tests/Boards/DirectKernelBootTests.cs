using System.Text;
using LoongsonDbt.Hypervisor.Boards.Loongson3Virt;
using LoongsonDbt.Tests.Support;

namespace LoongsonDbt.Tests.Boards;

/// <summary>
/// Direct kernel boot against PLATFORM.md §3: where the Debian kernel, the initrd and the argv block
/// land, CPU0's entry state, and a clear error for every input QEMU would refuse or Linux could not use.
/// </summary>
[TestFixture]
public sealed class DirectKernelBootTests
{
    private const ulong OneGiB = 1024UL * 1024 * 1024;
    private const ulong TestKernelText = 0xFFFF_FFFF_8020_0000;
    private const ulong TestKernelData = 0xFFFF_FFFF_8030_0000;

    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("loongson-dbt-boot").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    [Category("Guest")]
    public void DebianKernelInitrdAndArgvLandWhereQemuPutsThem()
    {
        string initrd = WriteFile("initrd.gz", 1_132_050);

        BootSetup setup = DirectKernelBoot.Prepare(new BootOptions(DebianGuest.KernelPath, initrd, "console=ttyS0", OneGiB));

        byte[] file = File.ReadAllBytes(DebianGuest.KernelPath);
        MemoryImage kernel = setup.RamImages[0];
        Assert.Multiple(() =>
        {
            Assert.That(setup.EntryPc, Is.EqualTo(0xFFFF_FFFF_8149_0000));
            Assert.That(setup.EntryArguments, Is.EqualTo(new ulong[] { 2, 0xFFFF_FFFF_8FF0_0000, 0xFFFF_FFFF_9FC0_1000, 0 }));
            Assert.That(setup.RamImages.Select(i => i.PhysicalAddress), Is.EqualTo(new ulong[] { 0x0149_0000, 0x0400_0000, 0x0FF0_0000 }));

            // One PT_LOAD: file offset 0x10000, filesz 0x508AB0, memsz 0xA0AED0 (BSS zero-filled); kernel_high 0x01E9AED0.
            Assert.That(kernel.End, Is.EqualTo(0x01E9_AED0UL));
            Assert.That(kernel.Bytes.Span[..0x508AB0].SequenceEqual(file.AsSpan(0x10000, 0x508AB0)), Is.True, "file bytes");
            Assert.That(kernel.Bytes.Span[0x508AB0..].ContainsAnyExcept((byte)0), Is.False, "BSS");

            Assert.That(setup.RamImages[1].Bytes.Span.SequenceEqual(File.ReadAllBytes(initrd)), Is.True);
            Assert.That(Argument(setup), Is.EqualTo("rd_start=0xffffffff84000000 rd_size=1132050 console=ttyS0"));
            Assert.That(setup.BootRom, Has.Length.EqualTo(2 * 1024 * 1024));
            Assert.That(setup.BootRom.AsSpan(0x1000, LefiTables.Size).SequenceEqual(LefiTables.Build(OneGiB, 1)), Is.True);
        });
        Assert.That(LoadedKernel.Load(DebianGuest.KernelPath).High, Is.EqualTo(0x01E9_AED0UL));
    }

    [Test]
    [Category("Oracle")]
    public void PlainVmlinuxSegmentsArePlacedByPhysicalAddressWithBssZeroed()
    {
        string vmlinux = TestKernel.Build(_directory, TestKernelText, TestKernelData);

        LoadedKernel kernel = LoadedKernel.Load(vmlinux);

        Assert.That(kernel.EntryPc, Is.EqualTo(TestKernelText));
        Assert.That(kernel.Segments.Select(s => (s.PhysicalAddress, s.Bytes.Length)),
            Is.EqualTo(new[] { (0x0020_0000UL, (int)TestKernel.TextSize), (0x0030_0000UL, TestKernel.DataBytes.Length + (int)TestKernel.BssSize) }));
        Assert.That(Encoding.ASCII.GetString(kernel.Segments[1].Bytes.Span[..16]), Is.EqualTo(TestKernel.DataBytes));
        Assert.That(kernel.Segments[1].Bytes.Span[16..].ContainsAnyExcept((byte)0), Is.False);
        Assert.That(kernel.High, Is.EqualTo(0x0030_0000UL + 16 + TestKernel.BssSize));
    }

    [Test]
    [Category("Oracle")]
    public void InitrdFollowsAKernelThatEndsAbove64MiB()
    {
        string vmlinux = TestKernel.Build(_directory, TestKernelText, 0xFFFF_FFFF_8500_0000);
        string initrd = WriteFile("initrd", 100);

        BootSetup setup = DirectKernelBoot.Prepare(new BootOptions(vmlinux, initrd, "", OneGiB));

        // kernel_high 0x05002010, rounded up to 64 KiB.
        Assert.That(setup.RamImages[2].PhysicalAddress, Is.EqualTo(0x0501_0000UL));
        Assert.That(Argument(setup), Is.EqualTo("rd_start=0xffffffff85010000 rd_size=100 "));
    }

    [Test]
    [Category("Oracle")]
    public void WithoutInitrdTheCommandLinePassesAloneAndArgcStaysTwo()
    {
        string vmlinux = TestKernel.Build(_directory, TestKernelText, TestKernelData);

        BootSetup withLine = DirectKernelBoot.Prepare(new BootOptions(vmlinux, null, "console=ttyS0 nokaslr", 512UL << 20, 4));
        BootSetup empty = DirectKernelBoot.Prepare(new BootOptions(vmlinux, null, "", OneGiB));

        Assert.That(withLine.RamImages.Select(i => i.PhysicalAddress), Is.EqualTo(new ulong[] { 0x0020_0000, 0x0030_0000, 0x0FF0_0000 }));
        Assert.That(Argument(withLine), Is.EqualTo("console=ttyS0 nokaslr"));
        Assert.That(withLine.BootRom.AsSpan(0x1000, LefiTables.Size).SequenceEqual(LefiTables.Build(512UL << 20, 4)), Is.True);
        Assert.That(Argument(empty), Is.Empty);
        Assert.That(empty.EntryArguments[0], Is.EqualTo(2UL));
    }

    [Test]
    public void MissingKernelIsNamed()
    {
        var error = Assert.Throws<BootConfigurationException>(() =>
            DirectKernelBoot.Prepare(new BootOptions("/nonexistent/vmlinuz", null, "", OneGiB)));

        Assert.That(error.Message, Is.EqualTo("kernel /nonexistent/vmlinuz: no such file"));
    }

    [Test]
    public void HostProgramIsNotAMipsKernel()
    {
        var error = Assert.Throws<BootConfigurationException>(() =>
            DirectKernelBoot.Prepare(new BootOptions("/bin/true", null, "", OneGiB)));

        Assert.That(error.Message, Does.StartWith("kernel /bin/true: not a little-endian 64-bit MIPS ELF"));
    }

    [Test]
    public void TextFileIsNotAnElf()
    {
        string text = Path.Combine(_directory, "notes.txt");
        File.WriteAllText(text, "not a kernel\n");

        var error = Assert.Throws<BootConfigurationException>(() => DirectKernelBoot.Prepare(new BootOptions(text, null, "", OneGiB)));

        Assert.That(error.Message, Does.StartWith($"kernel {text}: not an ELF file"));
    }

    [Test]
    public void TooLittleMemoryIsRefusedAsQemuDoes()
    {
        var error = Assert.Throws<BootConfigurationException>(() =>
            DirectKernelBoot.Prepare(new BootOptions("/nonexistent/vmlinuz", null, "", 256UL << 20)));

        Assert.That(error.Message, Does.Contain("256 MiB").And.Contain("at least 512 MiB"));
    }

    [TestCase(0)]
    [TestCase(17)]
    public void CpuCountOutsideOneToSixteenIsRefused(int cpus)
    {
        var error = Assert.Throws<BootConfigurationException>(() =>
            DirectKernelBoot.Prepare(new BootOptions("/nonexistent/vmlinuz", null, "", OneGiB, cpus)));

        Assert.That(error.Message, Does.Contain($"{cpus} CPUs"));
    }

    [Test]
    public void MemoryThatIsNotWholeMiBIsRefused()
    {
        var error = Assert.Throws<BootConfigurationException>(() =>
            DirectKernelBoot.Prepare(new BootOptions("/nonexistent/vmlinuz", null, "", OneGiB + 4096)));

        Assert.That(error.Message, Does.Contain("whole number of MiB"));
    }

    [Test]
    [Category("Oracle")]
    public void MissingInitrdIsNamed()
    {
        string vmlinux = TestKernel.Build(_directory, TestKernelText, TestKernelData);

        var error = Assert.Throws<BootConfigurationException>(() =>
            DirectKernelBoot.Prepare(new BootOptions(vmlinux, "/nonexistent/initrd.gz", "", OneGiB)));

        Assert.That(error.Message, Is.EqualTo("initrd /nonexistent/initrd.gz: no such file"));
    }

    [Test]
    [Category("Oracle")]
    public void InitrdBeyondLowMemoryIsRefused()
    {
        string vmlinux = TestKernel.Build(_directory, TestKernelText, TestKernelData);
        string initrd = Path.Combine(_directory, "huge.img");
        using (FileStream sparse = File.Create(initrd))
        {
            sparse.SetLength(177L << 20); // 0x0400_0000 + 177 MiB passes the 240 MiB the kernel may use
        }

        var error = Assert.Throws<BootConfigurationException>(() =>
            DirectKernelBoot.Prepare(new BootOptions(vmlinux, initrd, "", 16UL << 30)));

        Assert.That(error.Message, Does.StartWith($"initrd {initrd}: 185597952 bytes at physical 0x4000000 would end at 0xf100000")
            .And.Contain("240 MiB"));
    }

    [Test]
    [Category("Oracle")]
    public void KernelAboveLowMemoryIsRefused()
    {
        string vmlinux = TestKernel.Build(_directory, TestKernelText, 0xFFFF_FFFF_8EFF_F000);

        var error = Assert.Throws<BootConfigurationException>(() => LoadedKernel.Load(vmlinux));

        Assert.That(error.Message, Does.Contain("segment at physical 0xefff000").And.Contain("240 MiB of low memory"));
    }

    private string WriteFile(string name, int length)
    {
        string path = Path.Combine(_directory, name);
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>argv[1] of the block at 0x0FF0_0000, the string at offset 0x12.</summary>
    private static string Argument(BootSetup setup)
    {
        ReadOnlySpan<byte> argument = setup.RamImages.Single(i => i.PhysicalAddress == 0x0FF0_0000).Bytes.Span[0x12..];
        return Encoding.ASCII.GetString(argument[..argument.IndexOf((byte)0)]);
    }
}
