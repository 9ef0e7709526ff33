namespace LoongsonDbt.UserMode;

/// <summary>MIPS Linux signal numbers (arch/mips/include/uapi/asm/signal.h) and what they do by default.</summary>
public static class GuestSignal
{
    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGQUIT = 3;
    public const int SIGILL = 4;
    public const int SIGTRAP = 5;
    public const int SIGABRT = 6;
    public const int SIGEMT = 7;
    public const int SIGFPE = 8;
    public const int SIGKILL = 9;
    public const int SIGBUS = 10;
    public const int SIGSEGV = 11;
    public const int SIGSYS = 12;
    public const int SIGPIPE = 13;
    public const int SIGALRM = 14;
    public const int SIGTERM = 15;
    public const int SIGUSR1 = 16;
    public const int SIGUSR2 = 17;
    public const int SIGCHLD = 18;
    public const int SIGPWR = 19;
    public const int SIGWINCH = 20;
    public const int SIGURG = 21;
    public const int SIGIO = 22;
    public const int SIGSTOP = 23;
    public const int SIGTSTP = 24;
    public const int SIGCONT = 25;
    public const int SIGTTIN = 26;
    public const int SIGTTOU = 27;

    /// <summary>_NSIG on MIPS: 128 signals, so a sigset_t is 16 bytes.</summary>
    public const int Count = 128;

    public const int SigsetSize = 16;

    private static readonly string[] s_names =
    [
        "0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGEMT", "SIGFPE", "SIGKILL", "SIGBUS",
        "SIGSEGV", "SIGSYS", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGUSR1", "SIGUSR2", "SIGCHLD", "SIGPWR", "SIGWINCH",
        "SIGURG", "SIGIO", "SIGSTOP", "SIGTSTP", "SIGCONT", "SIGTTIN", "SIGTTOU", "SIGVTALRM", "SIGPROF", "SIGXCPU",
        "SIGXFSZ",
    ];

    public static string Name(int signal) => signal < s_names.Length ? s_names[signal] : $"SIG{signal}";

    /// <summary>
    /// Whether the default action leaves the process running: the ignored signals (CHLD, WINCH, URG) and
    /// the job-control stop/continue signals, which a lone user-mode process cannot honour.
    /// </summary>
    public static bool DefaultIsHarmless(int signal) =>
        signal is SIGCHLD or SIGWINCH or SIGURG or SIGCONT or SIGSTOP or SIGTSTP or SIGTTIN or SIGTTOU;
}
