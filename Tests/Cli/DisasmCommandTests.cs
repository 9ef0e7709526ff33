using System.Globalization;
using LoongsonDbt.Cli;
using LoongsonDbt.Runtime.Images;
using LoongsonDbt.Tests.Support;

namespace LoongsonDbt.Tests.Cli;

/// <summary><c>loongson-dbt disasm</c> end to end: what a user types, what objdump says for the same bytes.</summary>
[TestFixture]
[NonParallelizable]
public class DisasmCommandTests
{
    [Test]
    [Category("Guest")]
    public void KernelSymbolIsListedUnderItsNameAsObjdumpDisassemblesIt()
    {
        (int exitCode, string output, _) = InProcessCli.Run("disasm", DebianGuest.KernelPath, "--symbol", "start_kernel");

        KernelImage kernel = KernelImage.Open(DebianGuest.KernelPath);
        ulong start = kernel.Symbols.GetAddress("start_kernel");
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(exitCode, Is.Zero);
        Assert.That(lines[0], Is.EqualTo($"{start:x16} <start_kernel>:"));

        var listed = lines.Skip(1).Select(ParseListingLine).ToList();
        ulong end = listed[^1].Address + 4;
        Dictionary<ulong, ObjdumpOracle.Line> expected = ObjdumpOracle.Disassemble(kernel.Bytes, kernel.LoadAddress, start, end);
        Assert.That(listed, Has.Count.EqualTo(expected.Count).And.Count.GreaterThan(100));
        foreach ((ulong address, string text) in listed)
        {
            // Our listing names call targets after the symbol (objdump without symbols cannot).
            string withoutAnnotation = text.Split(" <")[0];
            Assert.That(ObjdumpOracle.NormalizeWhitespace(withoutAnnotation),
                Is.EqualTo(ObjdumpOracle.NormalizeWhitespace(expected[address].Text)), $"at {address:x}");
        }
    }

    [Test]
    public void MissingFileIsAClearErrorNotACrash()
    {
        (int exitCode, _, string error) = InProcessCli.Run("disasm", "/nonexistent/vmlinuz");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("/nonexistent/vmlinuz: no such file"));
    }

    [Test]
    public void HostElfIsRejectedAsNotMips()
    {
        (int exitCode, _, string error) = InProcessCli.Run("disasm", "/bin/sh");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("not a little-endian 64-bit MIPS ELF"));
    }

    [Test]
    public void RawImageWithoutKallsymsAsksForALoadAddress()
    {
        string file = Path.GetTempFileName();
        File.WriteAllBytes(file, [0x25, 0x08, 0x40, 0x00]);
        try
        {
            (int exitCode, _, string error) = InProcessCli.Run("disasm", file);
            (int rawExitCode, string rawOutput, _) = InProcessCli.Run("disasm", file, "--load-address", "0x80001000");

            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(error, Does.Contain("--load-address"));
            Assert.That(rawExitCode, Is.Zero);
            Assert.That(ObjdumpOracle.NormalizeWhitespace(rawOutput), Is.EqualTo("80001000: 00400825 move at,v0"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static (ulong Address, string Text) ParseListingLine(string line)
    {
        string[] parts = line.Split('\t', 3);
        return (ulong.Parse(parts[0].Trim().TrimEnd(':'), NumberStyles.HexNumber, CultureInfo.InvariantCulture), parts[2]);
    }
}
