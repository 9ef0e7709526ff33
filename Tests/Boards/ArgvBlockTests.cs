using System.Buffers.Binary;
using System.Text;
using LoongsonDbt.Hypervisor.Boards.Loongson3Virt;

namespace LoongsonDbt.Tests.Boards;

/// <summary>The argv block against PLATFORM.md §3.4 (QEMU 7.2's dump at 0x0FF0_0000).</summary>
[TestFixture]
public sealed class ArgvBlockTests
{
    /// <summary>The initrd of the observed boot: 1132050 bytes at 0x0400_0000.</summary>
    private static readonly MemoryImage s_observedInitrd = new(0x0400_0000, new byte[1_132_050]);

    [Test]
    public void ObservedBootGivesTheObservedBlock()
    {
        byte[] block = ArgvBlock.Build("console=ttyS0", s_observedInitrd);

        Assert.Multiple(() =>
        {
            Assert.That(block, Has.Length.EqualTo(256));
            Assert.That(Word(block, 0x00), Is.EqualTo(0x8FF0_0010), "argv[0]");
            Assert.That(Word(block, 0x04), Is.EqualTo(0x8FF0_0012), "argv[1]");
            Assert.That(Word(block, 0x08), Is.Zero, "argv[2], a NULL terminator here");
            Assert.That(Word(block, 0x0C), Is.Zero);
            Assert.That(CString(block, 0x10), Is.EqualTo("g"));
            Assert.That(CString(block, 0x12), Is.EqualTo("rd_start=0xffffffff84000000 rd_size=1132050 console=ttyS0"));
            Assert.That(block.Skip(0x12 + 57 + 1).All(b => b == 0), Is.True, "zero after the string");
        });
    }

    [Test]
    public void WithoutInitrdArgv1IsTheCommandLineAlone()
    {
        byte[] block = ArgvBlock.Build("console=ttyS0 nokaslr", null);

        Assert.That(CString(block, 0x12), Is.EqualTo("console=ttyS0 nokaslr"));
        Assert.That(Word(block, 0x04), Is.EqualTo(0x8FF0_0012));
    }

    [Test]
    public void LongestCommandLineFitsAndOneMoreByteIsAnError()
    {
        string longest = new('x', 237);

        byte[] block = ArgvBlock.Build(longest, null);
        var error = Assert.Throws<BootConfigurationException>(() => ArgvBlock.Build(longest + "y", null));

        Assert.That(CString(block, 0x12), Is.EqualTo(longest));
        Assert.That(block[255], Is.Zero, "the terminating NUL is the block's last byte");
        Assert.That(error.Message, Does.Contain("238 bytes").And.Contain("at most 237"));
    }

    [Test]
    public void InitrdParametersCountAgainstTheLimit()
    {
        // "rd_start=0xffffffff84000000 rd_size=1132050 " takes 44 of the 237 bytes.
        var error = Assert.Throws<BootConfigurationException>(() => ArgvBlock.Build(new string('x', 200), s_observedInitrd));

        Assert.That(error.Message, Does.Contain("rd_start"));
    }

    private static uint Word(byte[] block, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(block.AsSpan(offset));

    private static string CString(byte[] block, int offset) =>
        Encoding.ASCII.GetString(block, offset, Array.IndexOf(block, (byte)0, offset) - offset);
}
