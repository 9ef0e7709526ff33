using System.Reflection;
using System.Runtime.Loader;
using LoongsonDbt.Tests.Support;

namespace LoongsonDbt.Tests.UserMode;

/// <summary><c>run --profile</c> and <c>run --dump-il</c> on a real guest (busybox sha256sum of a generated file).</summary>
[TestFixture]
[Category("UserMode")]
public class RunOptionsTests
{
    private static string DotnetPath => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    [Test]
    public void ProfileListsHotBlocksAfterTheGuestsOwnOutput()
    {
        string input = WriteInput();
        try
        {
            HostProcessResult result = Run(["--profile", DebianGuest.BusyboxPath, "sha256sum", input]);

            Assert.That(result.ExitCode, Is.Zero, result.Error);
            Assert.That(result.OutputText, Does.EndWith($"  {input}\n"));
            Assert.That(result.Error, Does.Contain("executions").And.Contain("compiled").And.Contain("chaining:"));
        }
        finally
        {
            File.Delete(input);
        }
    }

    [Test]
    public void DumpIlWritesAnAssemblyWithOneMethodPerCompiledRegion()
    {
        string input = WriteInput();
        string dump = Path.Combine(Path.GetTempPath(), $"loongson-dbt-run-{Guid.NewGuid():n}.dll");
        var context = new AssemblyLoadContext("run-dump", isCollectible: true);
        try
        {
            HostProcessResult result = Run(["--dump-il", dump, DebianGuest.BusyboxPath, "sha256sum", input]);

            Assert.That(result.ExitCode, Is.Zero, result.Error);
            MethodInfo[] methods = context.LoadFromAssemblyPath(dump).GetType("LoongsonDbt.Translated.Blocks")!
                .GetMethods(BindingFlags.Public | BindingFlags.Static);
            Assert.That(methods, Is.Not.Empty);
            Assert.That(methods.Select(m => m.Name), Has.All.StartWith("Block_"));
        }
        finally
        {
            context.Unload();
            File.Delete(input);
            File.Delete(dump);
        }
    }

    /// <summary>Enough data (1 MiB) that the hash loop gets hot and compiled.</summary>
    private static string WriteInput()
    {
        string path = Path.GetTempFileName();
        var bytes = new byte[1 << 20];
        new Random(3).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static HostProcessResult Run(string[] arguments) =>
        GuestProcess.Run(DotnetPath, [DbtUser.CliPath, "run", .. arguments], UserRunOptions.Default);
}
