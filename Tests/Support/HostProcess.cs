using System.Diagnostics;
using System.Text;

namespace LoongsonDbt.Tests.Support;

/// <summary>Runs a host program to completion, capturing its output as bytes (it may be binary).</summary>
public static class HostProcess
{
    public static HostProcessResult Run(string fileName, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // apt must never stop to ask a question in a test run.
        startInfo.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"could not start {fileName}");

        // Both pipes are drained at once so a chatty stderr cannot block the child.
        var error = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        return new HostProcessResult(process.ExitCode, output.ToArray(), error.GetAwaiter().GetResult());
    }

    /// <summary>Whether <paramref name="command"/> resolves on PATH.</summary>
    public static bool IsOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, command)));

    public static string Describe(string fileName, string[] arguments, HostProcessResult result) =>
        $"{fileName} {string.Join(' ', arguments)} exited with {result.ExitCode}: "
        + (result.Error.Length > 0 ? result.Error.Trim() : Encoding.UTF8.GetString(result.Output).Trim());
}
