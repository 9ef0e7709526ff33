using LoongsonDbt.Runtime.Images;
using LoongsonDbt.Tests.Support;
using LoongsonDbt.Translator.Decoding;
using LoongsonDbt.Translator.Disassembly;

namespace LoongsonDbt.Tests.Disassembly;

/// <summary>
/// Every word of the code we will really run, disassembled by us and by GNU objdump, compared
/// line by line: Debian's loongson-3 kernel (text and init text, bounded by its own kallsyms) and
/// Debian's static busybox (every executable section).
/// </summary>
[TestFixture]
[Category("Guest")]
[Category("Oracle")]
public class GuestBinaryOracleTests
{
    [Test]
    public void KernelTextAndInitTextDisassembleAsObjdumpDoes()
    {
        KernelImage kernel = KernelImage.Open(DebianGuest.KernelPath);
        Kallsyms symbols = kernel.Kallsyms;
        var ranges = new[]
        {
            (symbols.TextStart, symbols.TextEnd),
            (symbols.InitTextStart, symbols.InitTextEnd),
        };

        var comparison = new Comparison();
        foreach ((ulong start, ulong end) in ranges)
        {
            Dictionary<ulong, ObjdumpOracle.Line> expected = ObjdumpOracle.Disassemble(kernel.Bytes, kernel.LoadAddress, start, end);
            ReadOnlySpan<byte> code = kernel.Bytes.AsSpan(checked((int)(start - kernel.LoadAddress)), checked((int)(end - start)));
            comparison.Compare(code, start, expected);
        }

        comparison.Report("kernel .text + .init.text");
    }

    [Test]
    public void BusyboxExecutableSectionsDisassembleAsObjdumpDoes()
    {
        Dictionary<ulong, ObjdumpOracle.Line> expected = ObjdumpOracle.DisassembleElf(DebianGuest.BusyboxPath);
        var comparison = new Comparison();
        foreach (ExecutableSection section in ExecutableSection.Read(DebianGuest.BusyboxPath))
        {
            comparison.Compare(section.Code, section.Address, expected);
        }

        comparison.Report("busybox executable sections");
    }

    private sealed class Comparison
    {
        private readonly List<string> _differences = [];
        private int _compared;

        public void Compare(ReadOnlySpan<byte> code, ulong address, Dictionary<ulong, ObjdumpOracle.Line> expected)
        {
            for (int offset = 0; offset + 4 <= code.Length; offset += 4)
            {
                ulong pc = address + (ulong)offset;
                uint word = BitConverter.ToUInt32(code[offset..]);
                if (!expected.TryGetValue(pc, out ObjdumpOracle.Line line))
                {
                    _differences.Add($"{pc:x}: objdump printed no line for {word:x8}");
                    continue;
                }

                _compared++;
                DecodedInstruction instruction = Decoder.Loongson3.Decode(word);
                string ours = Disassembler.Format(instruction, pc);
                if (line.Word != word || ObjdumpOracle.NormalizeWhitespace(ours) != ObjdumpOracle.NormalizeWhitespace(line.Text))
                {
                    _differences.Add($"{pc:x}: {word:x8} ours '{ours}' objdump '{line.Word:x8} {line.Text}'");
                }
            }
        }

        public void Report(string what)
        {
            TestContext.Out.WriteLine($"{what}: compared {_compared} words, {_differences.Count} differ");
            foreach (string difference in _differences.Take(50))
            {
                TestContext.Out.WriteLine(difference);
            }

            Assert.That(_compared, Is.GreaterThan(0));
            Assert.That(_differences, Is.Empty);
        }
    }
}
