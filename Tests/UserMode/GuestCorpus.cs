using LoongsonDbt.Tests.Support;

namespace LoongsonDbt.Tests.UserMode;

/// <summary>
/// samples/user (copied next to the tests as user-corpus/) cross-compiled by its build.sh, once per test run,
/// into $LOONGSON_DBT_CACHE/corpus (default ~/.cache/loongson-dbt/corpus); build.sh skips up-to-date binaries.
/// </summary>
public static class GuestCorpus
{
    public static readonly string[] OptimizationLevels = ["O0", "O2"];

    private static readonly Lazy<string> s_binaries = new(Build);

    /// <summary>The program sources, as copied into the test output.</summary>
    public static string SourceDirectory => Path.Combine(AppContext.BaseDirectory, "user-corpus");

    /// <summary>Program names (source file names without .c), sorted; known without building.</summary>
    public static IEnumerable<string> Programs =>
        Directory.EnumerateFiles(SourceDirectory, "*.c").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal);

    /// <summary>The path of a built program, building the corpus on first use.</summary>
    public static string PathOf(string program, string level) => Path.Combine(s_binaries.Value, $"{program}-{level}");

    public static string CacheRoot =>
        Environment.GetEnvironmentVariable("LOONGSON_DBT_CACHE") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "loongson-dbt");

    private static string Build()
    {
        string output = Path.Combine(CacheRoot, "corpus");
        string[] arguments = [Path.Combine(SourceDirectory, "build.sh"), output];
        HostProcessResult result = HostProcess.Run("bash", arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(HostProcess.Describe("bash", arguments, result));
        }

        return output;
    }
}
