using System.Buffers.Binary;
using System.Text;
using LoongsonDbt.Runtime.Images;
using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.UserMode;

namespace LoongsonDbt.Tests.UserMode.Unit;

[TestFixture]
public sealed class ElfLoaderTests
{
    [Test]
    public void StaticProgramSegmentsLandAtTheirAddressesWithTheirPermissions()
    {
        string path = TinyProgram.Build();
        byte[] file = File.ReadAllBytes(path);
        using var memory = new AddressSpace();
        LoadedProgram program = ElfLoader.Load(path, memory);

        Assert.That(program.Entry, Is.EqualTo(0x1_2000_0130UL));
        Assert.That(program.LoadBias, Is.Zero);
        Assert.That(program.ProgramHeaderSize, Is.EqualTo(56));

        // Text: the ELF header and the code, readable and executable, not writable.
        byte[] text = new byte[0x140];
        Assert.That(memory.TryRead(0x1_2000_0000, text), Is.True);
        Assert.That(text, Is.EqualTo(file[..0x140]));
        Assert.That(memory.TryFetch(program.Entry, out uint first), Is.True);
        Assert.That(first, Is.EqualTo(0x2402_1455u), "li v0, 5205");
        Assert.That(memory.TryWrite(0x1_2000_0000, [0]), Is.False);

        // Data: the initialised bytes, then a zero bss, writable and not executable.
        byte[] data = new byte[11];
        Assert.That(memory.TryRead(0x1_2001_0140, data), Is.True);
        Assert.That(Encoding.ASCII.GetString(data), Is.EqualTo("hello, data"));
        byte[] bss = new byte[9000];
        Assert.That(memory.TryRead(0x1_2001_0150, bss), Is.True);
        Assert.That(bss, Is.All.Zero);
        Assert.That(memory.TryWrite(0x1_2001_0150, [1]), Is.True);
        Assert.That(memory.TryFetch(0x1_2001_0150, out _), Is.False);

        Assert.That(program.DataEnd, Is.EqualTo(0x1_2001_3000UL), "page after the bss: where brk starts");
        Assert.That(program.ProgramHeaders, Is.EqualTo(0x1_2000_0040UL), "e_phoff inside the first PT_LOAD");
    }

    [Test]
    public void StaticPieIsPlacedAtTheLoadBias()
    {
        string path = TinyProgram.Build(pie: true);
        using var memory = new AddressSpace();
        LoadedProgram program = ElfLoader.Load(path, memory);

        Assert.That(program.LoadBias, Is.EqualTo(ElfLoader.PieLoadBias));
        Assert.That(program.Entry, Is.GreaterThan(ElfLoader.PieLoadBias));
        Assert.That(memory.TryFetch(program.Entry, out uint first), Is.True);
        Assert.That(first, Is.EqualTo(0x2402_1455u));
    }

    /// <summary>From a file, each page is read when first used: the shared page gets both segments' bytes all the same.</summary>
    [TestCase(false)]
    [TestCase(true)]
    public void SegmentsSharingAPageGetTheUnionOfTheirPermissions(bool fromFile)
    {
        byte[] file = File.ReadAllBytes(TinyProgram.Build());
        // The data segment moved onto the text segment's last page, right after the code, as linkers may place it.
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(LoadSegmentHeaders(file)[1] + 16), 0x1_2000_0140);
        using var memory = new AddressSpace();
        Load(file, "shared", memory, fromFile);

        Assert.That(memory.TryFetch(0x1_2000_0130, out uint first), Is.True, "the text stays executable");
        Assert.That(first, Is.EqualTo(0x2402_1455u), "li v0, 5205");
        byte[] data = new byte[11];
        Assert.That(memory.TryRead(0x1_2000_0140, data), Is.True);
        Assert.That(Encoding.ASCII.GetString(data), Is.EqualTo("hello, data"));
        Assert.That(memory.TryWrite(0x1_2000_0150, [1]), Is.True, "the data's page is writable");
        Assert.That(memory.TryFetch(0x1_2000_1000, out _), Is.False, "the data's own pages are not executable");
    }

    [Test]
    public void OverlappingSegmentsAreRejected()
    {
        byte[] file = File.ReadAllBytes(TinyProgram.Build());
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(LoadSegmentHeaders(file)[1] + 16), 0x1_1fff_0000);
        using var memory = new AddressSpace();

        var error = Assert.Throws<InvalidGuestImageException>(() => ElfLoader.Load(file, "overlap", memory));
        Assert.That(error!.Message, Does.StartWith("overlap: damaged (segment").And.Contain("overlaps the one before"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void TruncatedProgramIsRejected(bool fromFile)
    {
        byte[] file = File.ReadAllBytes(TinyProgram.Build());
        using var memory = new AddressSpace();

        var header = Assert.Throws<InvalidGuestImageException>(() => Load(file[..40], "cut", memory, fromFile));
        Assert.That(header!.Message, Does.Contain("truncated ELF header"));
        var segments = Assert.Throws<InvalidGuestImageException>(() => Load(file[..0x100], "cut", memory, fromFile));
        Assert.That(segments!.Message, Does.Contain("truncated"));
    }

    [Test]
    public void HostProgramIsRejectedAsNotMips()
    {
        using var memory = new AddressSpace();
        var error = Assert.Throws<InvalidGuestImageException>(() => ElfLoader.Load("/bin/ls", memory));
        Assert.That(error!.Message, Does.StartWith("/bin/ls: machine 62 is not MIPS"));
    }

    [Test]
    public void RandomBytesAreNotAnElfFile()
    {
        byte[] noise = new byte[4096];
        new Random(7).NextBytes(noise);
        using var memory = new AddressSpace();
        var error = Assert.Throws<InvalidGuestImageException>(() => ElfLoader.Load(noise, "noise", memory));
        Assert.That(error!.Message, Is.EqualTo("noise: not an ELF file"));
    }

    /// <summary>Loads <paramref name="file"/> from memory, or from a file of those bytes (messages then name the file's path).</summary>
    private static void Load(byte[] file, string source, AddressSpace memory, bool fromFile)
    {
        if (!fromFile)
        {
            ElfLoader.Load(file, source, memory);
            return;
        }

        string path = Path.Combine(Path.GetTempPath(), $"loongson-dbt-elf-{Guid.NewGuid():n}-{source}");
        File.WriteAllBytes(path, file);
        try
        {
            ElfLoader.Load(path, memory);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The file offsets of the PT_LOAD program headers, in table order.</summary>
    private static List<int> LoadSegmentHeaders(byte[] file)
    {
        int phoff = (int)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(32));
        int phnum = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(56));
        var loads = new List<int>();
        for (int i = 0; i < phnum; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(phoff + 56 * i)) == 1)
            {
                loads.Add(phoff + 56 * i);
            }
        }

        return loads;
    }
}
