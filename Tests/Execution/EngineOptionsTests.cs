using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.Execution;

/// <summary>The compile threshold: its default follows the kind of guest, and a chosen value survives becoming a full system.</summary>
[TestFixture]
public class EngineOptionsTests
{
    [Test]
    public void TheDefaultThresholdIsHigherForAFullSystem()
    {
        var process = new EngineOptions();

        Assert.That((process.CompileThreshold, (process with { FullSystem = true }).CompileThreshold), Is.EqualTo((500, 1000)));
    }

    [Test]
    public void AChosenThresholdIsKeptWhenTheMachineMakesTheOptionsFullSystem()
    {
        // As `boot --compile-threshold 50` does: the command sets it, the machine adds FullSystem.
        var chosen = new EngineOptions { CompileThreshold = 50 };

        Assert.That((chosen with { FullSystem = true }).CompileThreshold, Is.EqualTo(50));
    }
}
