namespace LoongsonDbt.UserMode;

/// <summary>
/// MIPS errno values (arch/mips/include/uapi/asm/errno.h). 1–34 match every Linux port; above that
/// MIPS numbers its own way, so host errnos are translated before the guest sees them.
/// </summary>
public static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int EIO = 5;
    public const int EBADF = 9;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EACCES = 13;
    public const int EFAULT = 14;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int ENOTDIR = 20;
    public const int EISDIR = 21;
    public const int EINVAL = 22;
    public const int EMFILE = 24;
    public const int ENOTTY = 25;
    public const int ESPIPE = 29;
    public const int EPIPE = 32;
    public const int ERANGE = 34;
    public const int ENAMETOOLONG = 78;
    public const int ENOSYS = 89;

    /// <summary>Host (x86-64/generic) errno → MIPS errno, for the values that differ.</summary>
    private static readonly Dictionary<int, int> s_fromHost = new()
    {
        [35] = 45,   // EDEADLK
        [36] = 78,   // ENAMETOOLONG
        [37] = 46,   // ENOLCK
        [38] = 89,   // ENOSYS
        [39] = 93,   // ENOTEMPTY
        [40] = 90,   // ELOOP
        [42] = 35,   // ENOMSG
        [43] = 36,   // EIDRM
        [71] = 71,   // EPROTO
        [74] = 77,   // EBADMSG
        [75] = 79,   // EOVERFLOW
        [84] = 88,   // EILSEQ
        [88] = 95,   // ENOTSOCK
        [89] = 96,   // EDESTADDRREQ
        [90] = 97,   // EMSGSIZE
        [91] = 98,   // EPROTOTYPE
        [92] = 99,   // ENOPROTOOPT
        [93] = 120,  // EPROTONOSUPPORT
        [95] = 122,  // EOPNOTSUPP
        [97] = 124,  // EAFNOSUPPORT
        [98] = 125,  // EADDRINUSE
        [99] = 126,  // EADDRNOTAVAIL
        [100] = 127, // ENETDOWN
        [101] = 128, // ENETUNREACH
        [103] = 130, // ECONNABORTED
        [104] = 131, // ECONNRESET
        [105] = 132, // ENOBUFS
        [106] = 133, // EISCONN
        [107] = 134, // ENOTCONN
        [110] = 145, // ETIMEDOUT
        [111] = 146, // ECONNREFUSED
        [113] = 148, // EHOSTUNREACH
        [114] = 149, // EALREADY
        [115] = 150, // EINPROGRESS
        [116] = 151, // ESTALE
        [122] = 1133, // EDQUOT
        [125] = 158, // ECANCELED
    };

    public static int FromHost(int hostErrno) => s_fromHost.TryGetValue(hostErrno, out int guest) ? guest : hostErrno;
}
