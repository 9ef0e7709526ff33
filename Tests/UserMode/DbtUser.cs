using LoongsonDbt.Tests.Support;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.UserMode;

/// <summary>Ours: <c>dotnet loongson-dbt.dll run --engine X ELF args...</c>, the Cli's output copied next to the tests.</summary>
public sealed class DbtUser(EngineMode engine) : IUserRunner
{
    public static string CliPath => Path.Combine(AppContext.BaseDirectory, "loongson-dbt.dll");

    /// <summary>The muxer that runs the tests (set by <c>dotnet test</c>), else the one on PATH.</summary>
    private static string DotnetPath => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    public EngineMode Engine => engine;

    public string Name => EngineOption;

    private string EngineOption => engine.ToString().ToLowerInvariant();

    public HostProcessResult Run(string elf, IReadOnlyList<string> arguments, UserRunOptions? options = null) =>
        GuestProcess.Run(DotnetPath, [CliPath, "run", "--engine", EngineOption, elf, .. arguments],
            options ?? UserRunOptions.Default);
}
