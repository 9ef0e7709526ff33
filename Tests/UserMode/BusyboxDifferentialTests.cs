using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using LoongsonDbt.Tests.Support;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.UserMode;

/// <summary>
/// Debian's static mips64el busybox applets on generated input files (a few hundred KB, from a seeded Random,
/// with fixed names and times): same stdout and exit status as QEMU, for each engine.
/// </summary>
[TestFixture]
[Category("UserMode")]
[Category("Guest")]
[NonParallelizable]
public class BusyboxDifferentialTests
{
    private static readonly EngineMode[] s_engines = [EngineMode.Interpreter, EngineMode.Compiled];

    /// <summary>
    /// Name, applet and arguments, the file (in the work directory) fed to stdin if any, and the exit status QEMU
    /// must give: checked so that a case busybox rejects (an unsupported option) cannot pass as "both failed alike".
    /// </summary>
    private static readonly (string Name, string[] Arguments, string? Stdin, int Exit)[] s_cases =
    [
        ("sha256sum", ["sha256sum", "data.bin", "words.txt"], null, 0),
        ("md5sum", ["md5sum", "data.bin", "fields.txt"], null, 0),
        ("gzip text", ["gzip", "-c", "words.txt"], null, 0),
        ("gzip -9 binary", ["gzip", "-9", "-c", "data.bin"], null, 0),
        ("gunzip", ["gunzip", "-c", "words.txt.gz"], null, 0),
        ("gunzip stdin", ["gunzip", "-c"], "data.bin.gz", 0),
        ("sort", ["sort", "words.txt"], null, 0),
        ("sort numeric key", ["sort", "-t:", "-k2,2n", "-k1,1r", "fields.txt"], null, 0),
        ("sort unique reverse", ["sort", "-u", "-r", "words.txt"], null, 0),
        ("awk numeric loop", ["awk", "BEGIN{s=0;for(i=0;i<300000;i++)s+=i*i%7;print s}"], null, 0),
        ("awk float", ["awk", "BEGIN{x=1;for(i=1;i<=2000;i++){x=x*1.0007+(i%7-3)/i};printf \"%.10f %e %d %g\\n\",x,x*1e10,x*1000,x/3}"], null, 0),
        ("awk fields", ["awk", "-F:", "{n[$1]+=$2; t+=$3; if(length($4)>m)m=length($4)} END{for(k in n)c++; print c, t, m, NR}", "fields.txt"], null, 0),
        ("awk printf", ["awk", "{printf \"%-12s|%6d|%s\\n\", $1, NR*37%1000, toupper($2)}", "words.txt"], null, 0),
        ("sed substitute", ["sed", "-n", "s/\\([a-z]*\\)o/<\\1>/gp", "words.txt"], null, 0),
        ("sed delete", ["sed", "-e", "/^a/d", "-e", "s/[0-9][0-9]*/#/g", "-e", "100,200y/abc/xyz/", "fields.txt"], null, 0),
        ("expr arithmetic", ["expr", "123456789", "*", "987", "+", "5", "/", "2"], null, 0),
        ("expr modulo", ["expr", "-17", "%", "5"], null, 0),
        ("expr zero is exit 1", ["expr", "5", "-", "5"], null, 1),
        ("expr length", ["expr", "length", "hello world"], null, 0),
        ("ls", ["ls", "dir"], null, 0),
        ("ls -l", ["ls", "-l", "dir"], null, 0),
        ("ls -R", ["ls", "-R1", "dir"], null, 0),
        ("cat", ["cat", "words.txt", "fields.txt"], null, 0),
        ("cat missing file", ["cat", "no-such-file"], null, 1),
        ("cat stdin binary", ["cat"], "data.bin", 0),
        ("wc", ["wc", "words.txt", "fields.txt", "data.bin"], null, 0),
        ("wc stdin", ["wc", "-l"], "words.txt", 0),
        ("printf", ["printf", "%d %s %5.2f %x %o %e|%-6s|\\n", "42", "abc", "3.14159", "255", "8", "12345.678", "ab"], null, 0),
        ("echo", ["echo", "-e", "a\\tb\\\\c", "two  spaces", "\\x41"], null, 0),
        ("seq", ["seq", "1", "7", "30000"], null, 0),
        ("seq float", ["seq", "-w", "0.5", "0.25", "30"], null, 0),
        ("tr upper", ["tr", "a-z", "A-Z"], "words.txt", 0),
        ("tr delete squeeze", ["tr", "-s", "-d", "aeiou", " "], "fields.txt", 0),
        ("head", ["head", "-n", "50", "words.txt"], null, 0),
        ("head bytes", ["head", "-c", "1000", "data.bin"], null, 0),
        ("tail", ["tail", "-n", "50", "words.txt"], null, 0),
        ("tail bytes", ["tail", "-c", "777", "data.bin"], null, 0),
        ("uniq", ["uniq", "-c", "sorted.txt"], null, 0),
        ("uniq duplicates", ["uniq", "-d"], "sorted.txt", 0),
        ("cut fields", ["cut", "-d:", "-f1,3", "fields.txt"], null, 0),
        ("cut chars", ["cut", "-c", "2-10", "words.txt"], null, 0),
        ("false", ["false"], null, 1),
    ];

    private static readonly string[] s_syllables =
        ["ka", "lo", "mi", "ne", "su", "ta", "ro", "ba", "do", "fi", "go", "hu", "ja", "xe", "zo", "qu"];

    private readonly ConcurrentDictionary<string, HostProcessResult> _qemuResults = new();
    private string _workDirectory = string.Empty;

    public static IEnumerable<TestCaseData> Cases() =>
        from testCase in s_cases
        from engine in s_engines
        select new TestCaseData(testCase.Name, engine).SetName($"busybox {testCase.Name} {engine}");

    [OneTimeSetUp]
    public void CreateInputs()
    {
        _workDirectory = Directory.CreateTempSubdirectory("busybox-diff-").FullName;
        WriteInputs(_workDirectory);
    }

    [OneTimeTearDown]
    public void DeleteInputs() => Directory.Delete(_workDirectory, recursive: true);

    [TestCaseSource(nameof(Cases))]
    public void MatchesQemu(string name, EngineMode engine)
    {
        IUserRunner subject = UserModeSubject.For(engine);
        (_, string[] arguments, string? stdin, int exit) = s_cases.Single(testCase => testCase.Name == name);

        HostProcessResult expected = _qemuResults.GetOrAdd(name, _ => Run(QemuUser.Instance, arguments, stdin));
        Assert.That(expected.ExitCode, Is.EqualTo(exit), $"QEMU itself: {expected.Error}");
        HostProcessResult actual = Run(subject, arguments, stdin);

        DifferentialAssert.SameAsQemu(expected, actual, $"{subject.Name} on busybox {string.Join(' ', arguments)}");
    }

    private HostProcessResult Run(IUserRunner runner, string[] arguments, string? stdin) =>
        runner.Run(DebianGuest.BusyboxPath, arguments, new UserRunOptions
        {
            WorkingDirectory = _workDirectory,
            Stdin = stdin is null ? null : File.ReadAllBytes(Path.Combine(_workDirectory, stdin)),
        });

    private static void WriteInputs(string directory)
    {
        var random = new Random(20240611);
        var data = new byte[300 * 1024];
        random.NextBytes(data);
        File.WriteAllBytes(Path.Combine(directory, "data.bin"), data);

        var words = new List<string>();
        var text = new StringBuilder();
        for (int line = 0; line < 20000; line++)
        {
            string word = Word(random);
            words.Add(word);
            text.Append(word).Append(' ').Append(Word(random)).Append(' ').Append(random.Next(-5000, 100000)).Append('\n');
        }

        File.WriteAllText(Path.Combine(directory, "words.txt"), text.ToString());

        var fields = new StringBuilder();
        for (int line = 0; line < 8000; line++)
        {
            fields.Append(s_syllables[random.Next(s_syllables.Length)]).Append(':').Append(random.Next(0, 1000))
                .Append(':').Append(random.Next(-100, 100)).Append(':').Append(Word(random)).Append(" x").Append('\n');
        }

        File.WriteAllText(Path.Combine(directory, "fields.txt"), fields.ToString());
        words.Sort(StringComparer.Ordinal);
        File.WriteAllText(Path.Combine(directory, "sorted.txt"), string.Join('\n', words) + "\n");

        Compress(Path.Combine(directory, "words.txt"));
        Compress(Path.Combine(directory, "data.bin"));

        // A tree with fixed names, sizes and times, so ls -l prints the same every run.
        var stamp = new DateTime(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        string[] files = ["alpha.txt", "beta.bin", "gamma", "sub/delta.c", "sub/epsilon", "sub/deeper/zeta.h", "Upper.TXT"];
        foreach (string file in files)
        {
            string path = Path.Combine(directory, "dir", file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, data.AsSpan(0, file.Length * 97).ToArray());
            File.SetLastWriteTimeUtc(path, stamp);
        }

        foreach (string sub in new[] { "dir/sub/deeper", "dir/sub", "dir" })
        {
            Directory.SetLastWriteTimeUtc(Path.Combine(directory, sub), stamp);
        }
    }

    private static string Word(Random random)
    {
        var word = new StringBuilder();
        for (int i = random.Next(1, 5); i > 0; i--)
        {
            word.Append(s_syllables[random.Next(s_syllables.Length)]);
        }

        return word.ToString();
    }

    private static void Compress(string path)
    {
        using FileStream output = File.Create(path + ".gz");
        using var gzip = new GZipStream(output, CompressionLevel.Optimal);
        using FileStream input = File.OpenRead(path);
        input.CopyTo(gzip);
    }
}
