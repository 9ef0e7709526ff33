using System.Collections.Concurrent;
using System.Globalization;
using LoongsonDbt.Tests.Support;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.UserMode;

/// <summary>
/// Random instruction sequences (<see cref="RandomProgramGenerator"/>), one program per seed: our register and
/// memory dumps equal QEMU's, for each engine. Seeds 0..N-1, N = $LOONGSON_DBT_RANDOM_SEEDS (default 40 programs
/// of 25 sequences, 1,000 sequences).
/// </summary>
[TestFixture]
[Category("UserMode")]
[NonParallelizable]
public class RandomSequenceTests
{
    private const int SequencesPerProgram = 25;
    private static readonly EngineMode[] s_engines = [EngineMode.Interpreter, EngineMode.Compiled];

    private readonly ConcurrentDictionary<int, (string Elf, HostProcessResult Qemu)> _programs = new();
    private string _directory = string.Empty;

    private static int SeedCount =>
        int.TryParse(Environment.GetEnvironmentVariable("LOONGSON_DBT_RANDOM_SEEDS"), NumberStyles.None,
            CultureInfo.InvariantCulture, out int count) ? count : 40;

    public static IEnumerable<TestCaseData> Cases() =>
        from seed in Enumerable.Range(0, SeedCount)
        from engine in s_engines
        select new TestCaseData(seed, engine).SetName($"random seed {seed} {engine}");

    [OneTimeSetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("random-seq-").FullName;

    [OneTimeTearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [TestCaseSource(nameof(Cases))]
    public void MatchesQemu(int seed, EngineMode engine)
    {
        IUserRunner subject = UserModeSubject.For(engine);
        (string elf, HostProcessResult expected) = _programs.GetOrAdd(seed, Build);

        HostProcessResult actual = subject.Run(elf, []);

        // The .S file stays next to the program while the fixture runs; its first differing dump names the sequence.
        int sequence = actual.Output.AsSpan().CommonPrefixLength(expected.Output) / RandomProgramGenerator.DumpSize;
        DifferentialAssert.SameAsQemu(expected, actual, $"{subject.Name} on seed {seed} (first difference in sequence {sequence})");
    }

    [Test]
    public void SameSeedGivesTheSameProgram()
    {
        string first = RandomProgramGenerator.Generate(7);
        string again = RandomProgramGenerator.Generate(7);

        Assert.That(again, Is.EqualTo(first).And.Not.EqualTo(RandomProgramGenerator.Generate(8)));
    }

    /// <summary>Assembles the seed's program and runs it under QEMU, which must exit 0 after writing every dump.</summary>
    private (string, HostProcessResult) Build(int seed)
    {
        string elf = Path.Combine(_directory, $"seed{seed}");
        GuestAssembler.Build(RandomProgramGenerator.Generate(seed, SequencesPerProgram), elf);
        HostProcessResult qemu = QemuUser.Instance.Run(elf, []);
        Assert.That(qemu.ExitCode, Is.Zero, $"QEMU on seed {seed}: {qemu.Error}");
        Assert.That(qemu.Output, Has.Length.EqualTo(SequencesPerProgram * RandomProgramGenerator.DumpSize + RandomProgramGenerator.DataSize),
            $"QEMU on seed {seed}");
        return (elf, qemu);
    }
}
