namespace LoongsonDbt.UserMode;

/// <summary>
/// Guest file descriptors over host ones, so the guest can neither see nor close the emulator's own
/// descriptors. Guest 0/1/2 start as the host's stdin/stdout/stderr (or what the caller redirects them to),
/// which the guest closing only forgets.
/// </summary>
public sealed class FileTable : IDisposable
{
    /// <summary>RLIMIT_NOFILE as the guest sees it.</summary>
    public const int Limit = 1024;

    private readonly Dictionary<int, Entry> _entries = [];

    public FileTable(int stdinHost = 0, int stdoutHost = 1, int stderrHost = 2)
    {
        _entries[0] = new Entry(stdinHost, owned: false);
        _entries[1] = new Entry(stdoutHost, owned: false);
        _entries[2] = new Entry(stderrHost, owned: false);
    }

    /// <summary>Takes ownership of <paramref name="hostFd"/>; returns the lowest free guest fd ≥ <paramref name="lowest"/> or -EMFILE.</summary>
    public int Add(int hostFd, bool closeOnExec, int lowest = 0)
    {
        int fd = lowest;
        while (_entries.ContainsKey(fd))
        {
            fd++;
        }

        if (fd >= Limit)
        {
            Libc.close(hostFd);
            return -Errno.EMFILE;
        }

        _entries[fd] = new Entry(hostFd, owned: true) { CloseOnExec = closeOnExec };
        return fd;
    }

    /// <summary>Installs <paramref name="hostFd"/> at exactly <paramref name="guestFd"/>, closing what was there (dup2).</summary>
    public void Replace(int guestFd, int hostFd, bool closeOnExec)
    {
        Close(guestFd);
        _entries[guestFd] = new Entry(hostFd, owned: true) { CloseOnExec = closeOnExec };
    }

    public bool TryGetHost(int guestFd, out int hostFd)
    {
        bool found = _entries.TryGetValue(guestFd, out Entry? entry);
        hostFd = found ? entry!.HostFd : -1;
        return found;
    }

    public bool TryGetCloseOnExec(int guestFd, out bool closeOnExec)
    {
        bool found = _entries.TryGetValue(guestFd, out Entry? entry);
        closeOnExec = found && entry!.CloseOnExec;
        return found;
    }

    public bool TrySetCloseOnExec(int guestFd, bool closeOnExec)
    {
        if (!_entries.TryGetValue(guestFd, out Entry? entry))
        {
            return false;
        }

        entry.CloseOnExec = closeOnExec;
        return true;
    }

    /// <summary>Returns 0 or -EBADF.</summary>
    public int Close(int guestFd)
    {
        if (!_entries.Remove(guestFd, out Entry? entry))
        {
            return -Errno.EBADF;
        }

        if (entry.Owned)
        {
            Libc.close(entry.HostFd);
        }

        return 0;
    }

    public void Dispose()
    {
        foreach (int fd in _entries.Keys.ToArray())
        {
            Close(fd);
        }
    }

    private sealed class Entry(int hostFd, bool owned)
    {
        public int HostFd { get; } = hostFd;

        public bool Owned { get; } = owned;

        public bool CloseOnExec { get; set; }
    }
}
