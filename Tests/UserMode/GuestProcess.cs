using System.Diagnostics;
using LoongsonDbt.Tests.Support;

namespace LoongsonDbt.Tests.UserMode;

/// <summary>Runs a host process that runs a guest (QEMU or ours): stdin bytes in, stdout bytes and stderr text out.</summary>
public static class GuestProcess
{
    public static HostProcessResult Run(string fileName, IEnumerable<string> arguments, UserRunOptions options)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? string.Empty,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Fixed locale: busybox and glibc output must not depend on the host's settings.
        startInfo.Environment["LC_ALL"] = "C";
        foreach ((string name, string value) in options.Environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {fileName}");

        // stdin is written, and both pipes drained, concurrently so no pipe can fill up and stall the child.
        Task<string> error = process.StandardError.ReadToEndAsync();
        var output = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        Task feed = Task.Run(() => Feed(process, options.Stdin));
        if (!process.WaitForExit(options.Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException(
                $"{fileName} {string.Join(' ', startInfo.ArgumentList)} did not finish within {options.Timeout}");
        }

        process.WaitForExit();
        Task.WaitAll(copy, error, feed);
        return new HostProcessResult(process.ExitCode, output.ToArray(), error.Result);
    }

    private static void Feed(Process process, byte[]? stdin)
    {
        try
        {
            if (stdin is not null)
            {
                process.StandardInput.BaseStream.Write(stdin);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The guest exited without reading all of its input; that is its business, not an error here.
        }
    }
}
