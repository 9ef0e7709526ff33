using System.Reflection;
using System.Runtime.Loader;
using LoongsonDbt.Tests.Support;

namespace LoongsonDbt.Tests.UserMode;

/// <summary>
/// <c>run --profile</c> and <c>run --dump-il</c> on a real guest (busybox sha256sum of a generated file), and how the
/// arguments after the program reach it.
/// </summary>
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

    /// <summary>
    /// tlb_conflicts alternates between pages that share a slot of the software TLB, so its compiled loops leave at
    /// nearly every access for the interpreter to make it; the profile counts those exits.
    /// </summary>
    [Test]
    public void ProfileCountsTheAccessesCompiledCodeLeftFor()
    {
        HostProcessResult conflicts = Run(["--profile", GuestCorpus.PathOf("tlb_conflicts", "O2")]);
        HostProcessResult hashing = Run(["--profile", GuestCorpus.PathOf("hash", "O2")]);

        Assert.That(conflicts.ExitCode, Is.Zero, conflicts.Error); // hash exits with a digest byte, which the corpus tests check
        Assert.That(SlowAccessExits(conflicts.Error), Is.GreaterThan(100_000), conflicts.Error);
        Assert.That(SlowAccessExits(hashing.Error), Is.LessThan(1_000), hashing.Error);
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

    /// <summary>
    /// With no option of ours before the program, the command line is read without the parser (a faster start): what
    /// follows the program is still all the program's, and the run is the same as with an option that changes nothing.
    /// </summary>
    [Test]
    public void ArgumentsAfterTheProgramAreTheProgramsEvenWhenTheyLookLikeOurs()
    {
        string[] echo = [DebianGuest.BusyboxPath, "echo", "--profile", "--engine", "x", "-h", "@list", "--"];

        HostProcessResult plain = Run(echo);
        HostProcessResult parsed = Run(["--engine", "tiered", .. echo]);

        Assert.That((plain.ExitCode, plain.OutputText, plain.Error), Is.EqualTo((0, "--profile --engine x -h @list --\n", "")));
        Assert.That((parsed.ExitCode, parsed.OutputText, parsed.Error), Is.EqualTo((plain.ExitCode, plain.OutputText, plain.Error)));
    }

    [Test]
    public void AMissingProgramIsReportedAlikeWithOrWithoutOptions()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"loongson-dbt-missing-{Guid.NewGuid():n}");

        HostProcessResult plain = Run([missing, "argument"]);
        HostProcessResult parsed = Run(["--engine", "tiered", missing, "argument"]);

        Assert.That((plain.ExitCode, plain.Error), Is.EqualTo((1, $"loongson-dbt: {missing}: no such file\n")));
        Assert.That((parsed.ExitCode, parsed.Error), Is.EqualTo((plain.ExitCode, plain.Error)));
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

    private static long SlowAccessExits(string profile) =>
        long.Parse(System.Text.RegularExpressions.Regex.Match(profile, @"compiled code left (\d+) times").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);

    private static HostProcessResult Run(string[] arguments) =>
        GuestProcess.Run(DotnetPath, [DbtUser.CliPath, "run", .. arguments], UserRunOptions.Default);
}
