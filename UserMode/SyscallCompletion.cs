namespace LoongsonDbt.UserMode;

/// <summary>How the guest continues after <see cref="LinuxSyscalls.Dispatch"/>.</summary>
public enum SyscallCompletion
{
    /// <summary>v0/a3 hold the result; the guest resumes after the syscall instruction.</summary>
    Returned,

    /// <summary>rt_sigreturn restored every register including the PC: resume there.</summary>
    SignalReturned,

    /// <summary>rt_sigreturn found no readable frame: the kernel forces SIGSEGV.</summary>
    BadSignalFrame,

    /// <summary>exit or exit_group: <see cref="LinuxSyscalls.ExitStatus"/> holds the status.</summary>
    Exited,
}
