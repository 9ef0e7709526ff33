using LoongsonDbt.Tests.Support;

namespace LoongsonDbt.Tests.UserMode;

/// <summary>Ours: <c>dotnet loongson-dbt.dll run --engine X ELF args...</c>, the Cli's output copied next to the tests.</summary>
public sealed class DbtUser(DbtEngine engine) : IUserRunner
{
    private static readonly Lazy<string?> s_missingRunCommand = new(ProbeRunCommand);

    public static string CliPath => Path.Combine(AppContext.BaseDirectory, "loongson-dbt.dll");

    /// <summary>The muxer that runs the tests (set by <c>dotnet test</c>), else the one on PATH.</summary>
    private static string DotnetPath => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    public DbtEngine Engine => engine;

    public string Name => EngineOption;

    private string EngineOption => engine.ToString().ToLowerInvariant();

    public HostProcessResult Run(string elf, IReadOnlyList<string> arguments, UserRunOptions? options = null) =>
        GuestProcess.Run(DotnetPath, [CliPath, "run", "--engine", EngineOption, elf, .. arguments],
            options ?? UserRunOptions.Default);

    /// <summary>
    /// Ignores the calling test while the Cli has no <c>run</c> command (the engine is being written), so these
    /// tests are inconclusive rather than red until it lands; any other failure of <c>run</c> still fails them.
    /// </summary>
    public static void IgnoreUnlessRunCommandExists()
    {
        if (s_missingRunCommand.Value is { } reason)
        {
            Assert.Ignore(reason);
        }
    }

    private static string? ProbeRunCommand()
    {
        // "run" alone: a missing command is "Unrecognized command or argument 'run'"; an existing one complains
        // about its missing ELF argument instead.
        HostProcessResult result = GuestProcess.Run(DotnetPath, [CliPath, "run"], UserRunOptions.Default);
        return result.ExitCode != 0 && result.Error.Contains("Unrecognized command or argument 'run'", StringComparison.Ordinal)
            ? $"loongson-dbt has no run command yet: {result.Error.Trim()}"
            : null;
    }
}
