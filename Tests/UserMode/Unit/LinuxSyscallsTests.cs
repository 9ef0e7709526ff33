using System.Buffers.Binary;
using System.Text;
using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.UserMode;

namespace LoongsonDbt.Tests.UserMode.Unit;

[TestFixture]
public sealed class LinuxSyscallsTests
{
    private const ulong AtFdCwd = unchecked((ulong)-100L);
    private const ulong Unmapped = 0x3000_0000;

    [Test]
    public void WriteToATempFileThenReadItBack()
    {
        using var harness = new SyscallHarness();
        string path = Path.Combine(Directory.CreateTempSubdirectory("loongson-sys-").FullName, "out.txt");
        ulong name = harness.String(SyscallHarness.Scratch, path);
        ulong buffer = SyscallHarness.Scratch + 0x1000;
        harness.Memory.Poke(buffer, "guest bytes"u8);

        // O_WRONLY | O_CREAT | O_TRUNC in MIPS numbering.
        long fd = harness.Call(SyscallNumber.Openat, AtFdCwd, name, 0x1 | 0x100 | 0x200, 0x1a4);
        Assert.That(fd, Is.EqualTo(3));
        Assert.That(harness.Call(SyscallNumber.Write, (ulong)fd, buffer, 11), Is.EqualTo(11));
        Assert.That(harness.Call(SyscallNumber.Close, (ulong)fd), Is.Zero);
        Assert.That(File.ReadAllText(path), Is.EqualTo("guest bytes"));

        fd = harness.Call(SyscallNumber.Openat, AtFdCwd, name, 0, 0);
        Assert.That(harness.Call(SyscallNumber.Lseek, (ulong)fd, 6, 0), Is.EqualTo(6));
        Assert.That(harness.Call(SyscallNumber.Read, (ulong)fd, buffer + 0x100, 100), Is.EqualTo(5));
        Assert.That(Encoding.ASCII.GetString(harness.Read(buffer + 0x100, 5)), Is.EqualTo("bytes"));

        // n64 struct stat: st_mode at 24, st_size at 56.
        Assert.That(harness.Call(SyscallNumber.Fstat, (ulong)fd, buffer + 0x200), Is.Zero);
        byte[] stat = harness.Read(buffer + 0x200, GuestStat.Size);
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(stat.AsSpan(24)) & 0xf000, Is.EqualTo(0x8000u), "S_IFREG");
        Assert.That(BinaryPrimitives.ReadInt64LittleEndian(stat.AsSpan(56)), Is.EqualTo(11));
        Assert.That(harness.Call(SyscallNumber.Close, (ulong)fd), Is.Zero);
        Assert.That(harness.Call(SyscallNumber.Close, (ulong)fd), Is.EqualTo(-Errno.EBADF));
    }

    [Test]
    public void MissingFileIsEnoentAndBadPointersAreEfault()
    {
        using var harness = new SyscallHarness();
        ulong name = harness.String(SyscallHarness.Scratch, "/nonexistent/loongson-dbt");
        Assert.That(harness.Call(SyscallNumber.Openat, AtFdCwd, name, 0, 0), Is.EqualTo(-Errno.ENOENT));
        Assert.That(harness.Call(SyscallNumber.Openat, AtFdCwd, Unmapped, 0, 0), Is.EqualTo(-Errno.EFAULT));
        Assert.That(harness.Call(SyscallNumber.Write, 1, Unmapped, 16), Is.EqualTo(-Errno.EFAULT));
        Assert.That(harness.Call(SyscallNumber.Uname, Unmapped), Is.EqualTo(-Errno.EFAULT));
        Assert.That(harness.Call(SyscallNumber.Write, 77, SyscallHarness.Scratch, 1), Is.EqualTo(-Errno.EBADF));
    }

    [Test]
    public void UnknownSyscallIsEnosysReportedOnce()
    {
        using var harness = new SyscallHarness();
        Assert.That(harness.Call((SyscallNumber)5999), Is.EqualTo(-Errno.ENOSYS));
        Assert.That(harness.Call((SyscallNumber)5999), Is.EqualTo(-Errno.ENOSYS));
        Assert.That(harness.Call(SyscallNumber.Socket, 2, 1, 0), Is.EqualTo(-Errno.ENOSYS));
        Assert.That(harness.Diagnostics.ToString(), Is.EqualTo(
            "loongson-dbt: unsupported syscall 5999 (unknown)" + Environment.NewLine
            + "loongson-dbt: unsupported syscall 5040 (socket)" + Environment.NewLine));
    }

    [Test]
    public void MmapMunmapAndMprotectChangeTheAddressSpace()
    {
        using var harness = new SyscallHarness();

        // PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS.
        long address = harness.Call(SyscallNumber.Mmap, 0, 0x3000, 3, 0x2 | 0x800, ulong.MaxValue, 0);
        Assert.That(address, Is.GreaterThanOrEqualTo((long)LinuxSyscalls.MapBase));
        Assert.That(address % 4096, Is.Zero);
        Assert.That(harness.Memory.TryWrite((ulong)address + 0x2fff, [7]), Is.True);

        Assert.That(harness.Call(SyscallNumber.Mprotect, (ulong)address, 0x1000, 1), Is.Zero);
        Assert.That(harness.Memory.TryWrite((ulong)address, [7]), Is.False);
        Assert.That(harness.Memory.TryRead((ulong)address, new byte[1]), Is.True);

        Assert.That(harness.Call(SyscallNumber.Munmap, (ulong)address, 0x3000), Is.Zero);
        Assert.That(harness.Memory.IsMapped((ulong)address, 1), Is.False);
        Assert.That(harness.Call(SyscallNumber.Mprotect, (ulong)address, 0x1000, 1), Is.EqualTo(-Errno.ENOMEM));

        // MAP_FIXED lands exactly; a misaligned fixed address is EINVAL.
        Assert.That(harness.Call(SyscallNumber.Mmap, 0x4000_0000, 0x1000, 3, 0x2 | 0x800 | 0x10, ulong.MaxValue, 0), Is.EqualTo(0x4000_0000));
        Assert.That(harness.Call(SyscallNumber.Mmap, 0x4000_0010, 0x1000, 3, 0x2 | 0x800 | 0x10, ulong.MaxValue, 0), Is.EqualTo(-Errno.EINVAL));
        Assert.That(harness.Call(SyscallNumber.Mmap, 0, 0, 3, 0x2 | 0x800, ulong.MaxValue, 0), Is.EqualTo(-Errno.EINVAL));
    }

    [Test]
    public void FileBackedMmapCopiesTheFile()
    {
        using var harness = new SyscallHarness();
        string path = Path.Combine(Directory.CreateTempSubdirectory("loongson-sys-").FullName, "data");
        File.WriteAllText(path, "mapped contents");
        long fd = harness.Call(SyscallNumber.Openat, AtFdCwd, harness.String(SyscallHarness.Scratch, path), 0, 0);

        long address = harness.Call(SyscallNumber.Mmap, 0, 100, 1, 0x2, (ulong)fd, 0);
        Assert.That(address, Is.Positive);
        Assert.That(Encoding.ASCII.GetString(harness.Read((ulong)address, 15)), Is.EqualTo("mapped contents"));
        Assert.That(harness.Read((ulong)address + 15, 100), Is.All.Zero);
    }

    [Test]
    public void BrkGrowsAndShrinksTheHeap()
    {
        using var harness = new SyscallHarness();
        Assert.That(harness.Call(SyscallNumber.Brk, 0), Is.EqualTo((long)SyscallHarness.ProgramBreak));
        ulong grown = SyscallHarness.ProgramBreak + 0x2100;
        Assert.That(harness.Call(SyscallNumber.Brk, grown), Is.EqualTo((long)grown));
        Assert.That(harness.Memory.TryWrite(grown - 1, [1]), Is.True);
        Assert.That(harness.Memory.IsMapped(SyscallHarness.ProgramBreak + 0x2000, 0x1000), Is.True);

        Assert.That(harness.Call(SyscallNumber.Brk, SyscallHarness.ProgramBreak + 0x10), Is.EqualTo((long)SyscallHarness.ProgramBreak + 0x10));
        Assert.That(harness.Memory.IsMapped(SyscallHarness.ProgramBreak + 0x1000, 1), Is.False);

        // Below the start, or into an existing mapping: the break stays where it is.
        Assert.That(harness.Call(SyscallNumber.Brk, 0x1000), Is.EqualTo((long)SyscallHarness.ProgramBreak + 0x10));
        harness.Memory.Map(SyscallHarness.ProgramBreak + 0x5000, 0x1000, PageProtection.Read);
        Assert.That(harness.Call(SyscallNumber.Brk, SyscallHarness.ProgramBreak + 0x8000), Is.EqualTo((long)SyscallHarness.ProgramBreak + 0x10));
    }

    [Test]
    public void UnameDescribesAMips64Linux()
    {
        using var harness = new SyscallHarness();
        Assert.That(harness.Call(SyscallNumber.Uname, SyscallHarness.Scratch), Is.Zero);
        byte[] uts = harness.Read(SyscallHarness.Scratch, 6 * 65);
        string Field(int i) => Encoding.UTF8.GetString(uts, i * 65, 65).TrimEnd('\0');
        Assert.That(Field(0), Is.EqualTo("Linux"));
        Assert.That(Field(2), Is.EqualTo("6.1.0"));
        Assert.That(Field(4), Is.EqualTo("mips64"));
    }

    [Test]
    public void ClockGettimeTracksTheHostClock()
    {
        using var harness = new SyscallHarness();
        Assert.That(harness.Call(SyscallNumber.ClockGettime, 0, SyscallHarness.Scratch), Is.Zero);
        byte[] timespec = harness.Read(SyscallHarness.Scratch, 16);
        long seconds = BinaryPrimitives.ReadInt64LittleEndian(timespec);
        long nanoseconds = BinaryPrimitives.ReadInt64LittleEndian(timespec.AsSpan(8));
        Assert.That(seconds, Is.EqualTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Within(2));
        Assert.That(nanoseconds, Is.InRange(0, 999_999_999));

        Assert.That(harness.Call(SyscallNumber.ClockGettime, 1, SyscallHarness.Scratch), Is.Zero);
        long first = BinaryPrimitives.ReadInt64LittleEndian(harness.Read(SyscallHarness.Scratch, 8));
        Assert.That(harness.Call(SyscallNumber.ClockGettime, 1, SyscallHarness.Scratch + 16), Is.Zero);
        Assert.That(BinaryPrimitives.ReadInt64LittleEndian(harness.Read(SyscallHarness.Scratch + 16, 8)), Is.GreaterThanOrEqualTo(first));
        Assert.That(harness.Call(SyscallNumber.ClockGettime, 0, Unmapped), Is.EqualTo(-Errno.EFAULT));
    }

    [Test]
    public unsafe void SetThreadAreaSetsUserLocal()
    {
        using var harness = new SyscallHarness();
        Assert.That(harness.Call(SyscallNumber.SetThreadArea, 0x1_2345_7000), Is.Zero);
        Assert.That(harness.Cpu.State->UserLocal, Is.EqualTo(0x1_2345_7000UL));
    }

    [Test]
    public void PipeCarriesBytesBetweenGuestDescriptors()
    {
        using var harness = new SyscallHarness();
        ulong fds = SyscallHarness.Scratch;
        Assert.That(harness.Call(SyscallNumber.Pipe2, fds, 0x80000), Is.Zero);
        byte[] pair = harness.Read(fds, 8);
        ulong reader = BinaryPrimitives.ReadUInt32LittleEndian(pair);
        ulong writer = BinaryPrimitives.ReadUInt32LittleEndian(pair.AsSpan(4));
        Assert.That(harness.Call(SyscallNumber.Fcntl, reader, 1), Is.EqualTo(1), "FD_CLOEXEC");

        harness.Memory.Poke(SyscallHarness.Scratch + 0x100, "ab"u8);
        harness.Memory.Poke(SyscallHarness.Scratch + 0x200, "cde"u8);
        byte[] iov = new byte[32];
        BinaryPrimitives.WriteUInt64LittleEndian(iov, SyscallHarness.Scratch + 0x100);
        BinaryPrimitives.WriteUInt64LittleEndian(iov.AsSpan(8), 2);
        BinaryPrimitives.WriteUInt64LittleEndian(iov.AsSpan(16), SyscallHarness.Scratch + 0x200);
        BinaryPrimitives.WriteUInt64LittleEndian(iov.AsSpan(24), 3);
        harness.Memory.Poke(SyscallHarness.Scratch + 0x300, iov);
        Assert.That(harness.Call(SyscallNumber.Writev, writer, SyscallHarness.Scratch + 0x300, 2), Is.EqualTo(5));
        Assert.That(harness.Call(SyscallNumber.Read, reader, SyscallHarness.Scratch + 0x400, 64), Is.EqualTo(5));
        Assert.That(Encoding.ASCII.GetString(harness.Read(SyscallHarness.Scratch + 0x400, 5)), Is.EqualTo("abcde"));

        // Not a terminal: TCGETS answers ENOTTY.
        Assert.That(harness.Call(SyscallNumber.Ioctl, reader, 0x540d, SyscallHarness.Scratch + 0x500), Is.EqualTo(-Errno.ENOTTY));
    }
}
