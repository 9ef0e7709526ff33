using System.Diagnostics;

namespace LoongsonDbt.Cli.Guests;

/// <summary>
/// The Debian mips64el guest (loongson-3 kernel and static busybox), fetched and cached by the
/// samples' fetch script that ships next to this program.
/// </summary>
public sealed record DebianGuest(string KernelPath, string BusyboxPath, string CacheDirectory)
{
    private static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "guests", "fetch-debian-guest.sh");

    /// <summary>Runs the fetch script (a no-op once cached); its progress goes to our stderr.</summary>
    public static DebianGuest Fetch()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true };
        start.ArgumentList.Add(ScriptPath);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start bash");
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new GuestUnavailableException($"fetching the Debian guest failed (exit {process.ExitCode}); see the message above");
        }

        Dictionary<string, string> values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1]);
        return new DebianGuest(values["KERNEL"], values["BUSYBOX"], values["CACHE"]);
    }
}
