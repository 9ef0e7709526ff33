namespace LoongsonDbt.UserMode;

/// <summary>Translates open(2)/fcntl file status flags between MIPS (asm/fcntl.h) and the x86-64 host.</summary>
public static class OpenFlags
{
    public const int GuestCloexec = 0x80000;
    public const int GuestCreat = 0x100;
    public const int GuestTrunc = 0x200;
    public const int GuestWriteOnly = 1;

    // (MIPS bit, host bit): O_APPEND, O_DSYNC, O_NONBLOCK, O_CREAT, O_TRUNC, O_EXCL, O_NOCTTY, FASYNC,
    // O_LARGEFILE, __O_SYNC, O_DIRECT, O_DIRECTORY, O_NOFOLLOW, O_NOATIME, O_CLOEXEC, O_PATH, __O_TMPFILE.
    private static readonly (int Guest, int Host)[] s_bits =
    [
        (0x8, 0x400), (0x10, 0x1000), (0x80, 0x800), (0x100, 0x40), (0x200, 0x200), (0x400, 0x80),
        (0x800, 0x100), (0x1000, 0x2000), (0x2000, 0x8000), (0x4000, 0x100000), (0x8000, 0x4000),
        (0x10000, 0x10000), (0x20000, 0x20000), (0x40000, 0x40000), (0x80000, 0x80000),
        (0x200000, 0x200000), (0x400000, 0x400000),
    ];

    public static int ToHost(int guest) => Translate(guest, fromGuest: true);

    public static int FromHost(int host) => Translate(host, fromGuest: false);

    private static int Translate(int flags, bool fromGuest)
    {
        int result = flags & 3;
        foreach ((int guest, int host) in s_bits)
        {
            if ((flags & (fromGuest ? guest : host)) != 0)
            {
                result |= fromGuest ? host : guest;
            }
        }

        return result;
    }
}
