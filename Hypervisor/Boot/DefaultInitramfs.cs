namespace LoongsonDbt.Hypervisor.Boot;

/// <summary>
/// The standard guest root: a static busybox and an /init script (samples/initramfs/init by default),
/// with just enough around them for the kernel and busybox to work.
/// </summary>
public static class DefaultInitramfs
{
    /// <summary>Where busybox lives; the other applets become links to it when /init runs <c>busybox --install -s</c>.</summary>
    public const string BusyboxPath = "/bin/busybox";

    private const UnixFileMode Executable = (UnixFileMode)0b111_101_101; // 0755
    private const UnixFileMode OwnerOnly = (UnixFileMode)0b111_000_000; // 0700
    private const UnixFileMode OwnerReadWrite = (UnixFileMode)0b110_000_000; // 0600
    private const UnixFileMode WorldWritableSticky = (UnixFileMode)0b1_111_111_111; // 1777

    /// <summary>Linux's console device (TTYAUX_MAJOR, minor 1).</summary>
    private const int ConsoleMajor = 5;
    private const int ConsoleMinor = 1;

    public static Initramfs Create(ReadOnlyMemory<byte> busybox, ReadOnlyMemory<byte> init)
    {
        var image = new Initramfs();
        image.AddFile(BusyboxPath, busybox, Executable);
        // The kernel falls back to /bin/sh when /init cannot run; the link makes that a working shell too.
        image.AddSymlink("/bin/sh", "busybox");
        image.AddFile("/init", init, Executable);

        // The kernel opens /dev/console for /init's stdin, stdout and stderr before /init runs, so the
        // node must be in the archive: devtmpfs is mounted only by /init itself.
        image.AddCharacterDevice("/dev/console", ConsoleMajor, ConsoleMinor, OwnerReadWrite);

        // Mount points, and the directories `busybox --install` puts links in (it creates none itself).
        foreach (string directory in (string[])["/proc", "/sys", "/etc", "/sbin", "/usr/bin", "/usr/sbin"])
        {
            image.AddDirectory(directory);
        }

        image.AddDirectory("/tmp", WorldWritableSticky);
        image.AddDirectory("/root", OwnerOnly);
        return image;
    }
}
