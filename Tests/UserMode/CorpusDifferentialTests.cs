using System.Collections.Concurrent;
using LoongsonDbt.Tests.Support;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.UserMode;

/// <summary>Every samples/user program at -O0 and -O2, run by each engine: same stdout and exit status as QEMU.</summary>
[TestFixture]
[Category("UserMode")]
[NonParallelizable]
public class CorpusDifferentialTests
{
    private static readonly EngineMode[] s_engines = [EngineMode.Interpreter, EngineMode.Compiled];

    /// <summary>QEMU runs each binary once, whichever engine asks first.</summary>
    private static readonly ConcurrentDictionary<string, Lazy<HostProcessResult>> s_qemuResults = new();

    public static IEnumerable<TestCaseData> Cases() =>
        from program in GuestCorpus.Programs
        from level in GuestCorpus.OptimizationLevels
        from engine in s_engines
        select new TestCaseData(program, level, engine).SetName($"{program}-{level} {engine}");

    [TestCaseSource(nameof(Cases))]
    public void MatchesQemu(string program, string level, EngineMode engine)
    {
        IUserRunner subject = UserModeSubject.For(engine);
        string elf = GuestCorpus.PathOf(program, level);

        HostProcessResult expected = s_qemuResults.GetOrAdd(elf, _ => new Lazy<HostProcessResult>(() => RunIn(QemuUser.Instance, elf))).Value;
        HostProcessResult actual = RunIn(subject, elf);

        DifferentialAssert.SameAsQemu(expected, actual, $"{subject.Name} on {program}-{level}");
    }

    /// <summary>Runs in a fresh working directory (fileio creates files there), with argv_env's arguments and variables.</summary>
    private static HostProcessResult RunIn(IUserRunner runner, string elf)
    {
        string directory = Directory.CreateTempSubdirectory("corpus-").FullName;
        try
        {
            var options = new UserRunOptions
            {
                WorkingDirectory = directory,
                Environment = new Dictionary<string, string> { ["CORPUS_VALUE"] = "forty two", ["CORPUS_EMPTY"] = string.Empty },
            };
            return runner.Run(elf, ["first", "two words", string.Empty, "ünïcödé", "--flag=1"], options);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
