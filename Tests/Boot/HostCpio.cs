using LoongsonDbt.Tests.Support;

namespace LoongsonDbt.Tests.Boot;

/// <summary>GNU cpio and gzip on the host: the independent readers of the archives we write.</summary>
internal static class HostCpio
{
    /// <summary>`cpio -tv` of an uncompressed archive, one line per entry, in archive order.</summary>
    public static string[] List(string archive)
    {
        HostPackages.Ensure("cpio", "cpio");
        HostProcessResult result = Run("sh", "-c", "cpio -tv --quiet < \"$0\"", archive);
        return result.OutputText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Unpacks the entries matching <paramref name="patterns"/> (all when none) into <paramref name="directory"/>.</summary>
    public static void Extract(string archive, string directory, params string[] patterns)
    {
        HostPackages.Ensure("cpio", "cpio");
        Run("sh", ["-c", "cd \"$0\" && cpio -idm --quiet --no-absolute-filenames \"$@\" < \"$1\"", directory, archive, .. patterns]);
    }

    /// <summary>What `gzip -t` says: null when the file is a sound gzip stream, else its complaint.</summary>
    public static string? GzipComplaint(string file)
    {
        HostProcessResult result = HostProcess.Run("gzip", "-t", file);
        return result.ExitCode == 0 ? null : result.Error;
    }

    public static byte[] Gunzip(string file) => Run("gzip", "-dc", file).Output;

    /// <summary>The line of <paramref name="listing"/> for entry <paramref name="name"/> (a symlink's line ends "-> target").</summary>
    public static string Line(string[] listing, string name) =>
        listing.SingleOrDefault(l => EntryName(l) == name)
        ?? throw new AssertionException($"no entry {name} in:\n{string.Join('\n', listing)}");

    /// <summary>The entry's name in a `cpio -tv` line: the last field, before " -> target" for a symlink.</summary>
    public static string EntryName(string line)
    {
        string withoutTarget = line.Split(" -> ")[0];
        return withoutTarget[(withoutTarget.LastIndexOf(' ') + 1)..];
    }

    private static HostProcessResult Run(string command, params string[] arguments)
    {
        HostProcessResult result = HostProcess.Run(command, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(HostProcess.Describe(command, arguments, result));
        }

        return result;
    }
}
