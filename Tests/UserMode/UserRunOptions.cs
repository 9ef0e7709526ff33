namespace LoongsonDbt.Tests.UserMode;

/// <summary>How a guest program is run: bytes for its stdin, its working directory, extra environment, a time limit.</summary>
public sealed record UserRunOptions
{
    public static readonly UserRunOptions Default = new();

    /// <summary>Bytes fed to the guest's stdin, which is then closed; null gives an empty stdin.</summary>
    public byte[]? Stdin { get; init; }

    /// <summary>The guest's working directory; null keeps the test's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables added to (or replacing those in) the inherited environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>A run that takes longer is killed and reported as a timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);
}
