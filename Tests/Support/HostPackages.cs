namespace LoongsonDbt.Tests.Support;

/// <summary>
/// Installs Debian host tools that tests use as oracles (xz, cross binutils, ...) when they are missing,
/// so a fresh machine runs the same tests as a prepared one.
/// </summary>
public static class HostPackages
{
    private static readonly Lock s_aptLock = new();
    private static bool s_listsUpdated;

    /// <summary>Makes sure <paramref name="command"/> is on PATH, installing <paramref name="package"/> if needed.</summary>
    public static void Ensure(string package, string command)
    {
        if (HostProcess.IsOnPath(command))
        {
            return;
        }

        lock (s_aptLock)
        {
            if (HostProcess.IsOnPath(command))
            {
                return;
            }

            // One update per run: the image's package lists may be missing or stale.
            if (!s_listsUpdated)
            {
                RunApt("update");
                s_listsUpdated = true;
            }

            RunApt("install", "-y", "--no-install-recommends", package);
            if (!HostProcess.IsOnPath(command))
            {
                throw new InvalidOperationException($"installed {package}, but {command} is still not on PATH");
            }
        }
    }

    private static void RunApt(params string[] arguments)
    {
        var result = HostProcess.Run("apt-get", arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(HostProcess.Describe("apt-get", arguments, result));
        }
    }
}
