namespace LoongsonDbt.Tests.Support;

/// <summary>
/// The Debian mips64el guest (kernel wrapper + static busybox), fetched once per test run by
/// samples/guests/fetch-debian-guest.sh, which caches it across runs.
/// </summary>
public static class DebianGuest
{
    private const string FetchScript = "samples/guests/fetch-debian-guest.sh";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> s_paths = new(Fetch);

    /// <summary>boot/vmlinuz-* from linux-image-loongson-3's kernel package (the self-extracting wrapper).</summary>
    public static string KernelPath => Value("KERNEL");

    /// <summary>bin/busybox from busybox-static.</summary>
    public static string BusyboxPath => Value("BUSYBOX");

    public static string CacheDirectory => Value("CACHE");

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string Value(string key) =>
        s_paths.Value.TryGetValue(key, out var value)
            ? value
            : throw new InvalidOperationException($"{FetchScript} printed no {key}= line");

    private static Dictionary<string, string> Fetch()
    {
        var script = Path.Combine(RepositoryRoot, FetchScript);
        var result = HostProcess.Run("bash", script);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(HostProcess.Describe(FetchScript, [], result));
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in result.OutputText.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = line.IndexOf('=');
            if (separator > 0)
            {
                values[line[..separator]] = line[(separator + 1)..];
            }
        }

        return values;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LoongsonDbt.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no LoongsonDbt.sln above {AppContext.BaseDirectory}");
    }
}
