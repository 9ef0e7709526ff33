using BenchmarkDotNet.Attributes;
using LoongsonDbt.Cli.Guests;
using LoongsonDbt.Runtime.Images;
using LoongsonDbt.Translator.Decoding;

namespace LoongsonDbt.Perf.Decoding;

/// <summary>
/// How long the decoder takes per instruction on real code: every word of Debian's static
/// busybox executable sections (about 463,000 words), in file order.
/// </summary>
[BenchmarkCategory("Decoding")]
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private const int BusyboxWordCount = 463_000;

    private uint[] _words = [];

    [GlobalSetup]
    public void LoadBusybox()
    {
        _words = [.. ExecutableSection.Read(DebianGuest.Fetch().BusyboxPath)
            .SelectMany(s => Enumerable.Range(0, s.Code.Length / 4).Select(i => BitConverter.ToUInt32(s.Code, i * 4)))
            .Take(BusyboxWordCount)];
        if (_words.Length != BusyboxWordCount)
        {
            throw new InvalidOperationException($"busybox has {_words.Length} code words, the benchmark expects {BusyboxWordCount}");
        }
    }

    /// <summary>ns per instruction: the decoder's lookup alone.</summary>
    [Benchmark(OperationsPerInvoke = BusyboxWordCount)]
    public int DecodeBusybox()
    {
        Decoder decoder = Decoder.Loongson3;
        int checksum = 0;
        foreach (uint word in _words)
        {
            checksum += (int)decoder.Decode(word).Name;
        }

        return checksum;
    }
}
