using LoongsonDbt.Runtime.Images;
using LoongsonDbt.Tests.Support;
using NUnit.Framework;

namespace LoongsonDbt.Tests.Images;

[TestFixture]
public sealed class SymbolTableTests
{
    private const string CrossBinutils = "binutils-mips64el-linux-gnuabi64";
    private const string ToolPrefix = "mips64el-linux-gnuabi64-";

    private const string Program = """
            .text
            .globl __start
            .type __start, @function
        __start:
            jal helper
            nop
            .size __start, 8
            .type helper, @function
        helper:
            jr $ra
            nop
            .size helper, 8
            .data
            .globl counter
            .type counter, @object
        counter:
            .dword 0
            .size counter, 8
        """;

    [Test]
    public void AliasesResolveToTheFirstSymbolAtTheirAddress()
    {
        var table = new SymbolTable(
        [
            new GuestSymbol("later", 0x2000, 'T'),
            new GuestSymbol("first_alias", 0x1000, 'T'),
            new GuestSymbol("second_alias", 0x1000, 't'),
        ]);

        Assert.That(table.TryLocate(0x1FFF, out var location), Is.True);
        Assert.That(location, Is.EqualTo(new SymbolLocation(new GuestSymbol("first_alias", 0x1000, 'T'), 0xFFF)));
        Assert.That(table.TryLocate(0x2000, out location), Is.True);
        Assert.That(location.ToString(), Is.EqualTo("later+0x0"));
    }

    [Test]
    public void DuplicateNamesResolveToTheLowestAddress()
    {
        var table = new SymbolTable([new GuestSymbol("dup", 0x30, 't'), new GuestSymbol("dup", 0x10, 't')]);

        Assert.That(table.GetAddress("dup"), Is.EqualTo(0x10));
    }

    [Test]
    public void EmptyTableFindsNothing()
    {
        Assert.That(SymbolTable.Empty.TryLocate(0x1234, out _), Is.False);
        Assert.That(SymbolTable.Empty.TryGetSymbol("main", out _), Is.False);
    }

    [Test]
    public void ElfSymbolsMatchNm()
    {
        var directory = Directory.CreateTempSubdirectory("loongson-dbt-symtab-");
        try
        {
            var program = BuildProgram(directory.FullName);
            var table = SymbolTable.FromElf(program);

            Assert.That(table.Symbols.Select(symbol => $"{symbol.Address:x16} {symbol.Type} {symbol.Name}"),
                Is.EquivalentTo(NmFunctionsAndObjects(program)));
            Assert.That(table.TryLocate(table.GetAddress("helper") + 4, out var location), Is.True);
            Assert.That(location.ToString(), Is.EqualTo("helper+0x4"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public void StrippedElfGivesAnEmptyTable()
    {
        var directory = Directory.CreateTempSubdirectory("loongson-dbt-symtab-");
        try
        {
            var program = BuildProgram(directory.FullName);
            var stripped = Path.Combine(directory.FullName, "stripped");
            RunTool("strip", "-o", stripped, program);

            Assert.That(SymbolTable.FromElf(stripped).Count, Is.Zero);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    [Category("Guest")]
    public void DebianBusyboxIsStripped()
    {
        Assert.That(SymbolTable.FromElf(DebianGuest.BusyboxPath).Count, Is.Zero);
    }

    [Test]
    public void NonElfFileIsRejected()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not an ELF");
            Assert.Throws<InvalidGuestImageException>(() => SymbolTable.FromElf(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string BuildProgram(string directory)
    {
        var source = Path.Combine(directory, "program.s");
        var objectFile = Path.Combine(directory, "program.o");
        var program = Path.Combine(directory, "program");
        File.WriteAllText(source, Program);
        RunTool("as", "-mabi=64", "-o", objectFile, source);
        RunTool("ld", "-o", program, objectFile);
        return program;
    }

    // nm's view of the function and object symbols, in the format the test compares.
    private static IEnumerable<string> NmFunctionsAndObjects(string program) =>
        RunTool("nm", "--defined-only", program).OutputText
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.EndsWith(" __start") || line.EndsWith(" helper") || line.EndsWith(" counter"));

    private static HostProcessResult RunTool(string tool, params string[] arguments)
    {
        HostPackages.Ensure(CrossBinutils, ToolPrefix + tool);
        var result = HostProcess.Run(ToolPrefix + tool, arguments);
        Assert.That(result.ExitCode, Is.Zero, () => HostProcess.Describe(ToolPrefix + tool, arguments, result));
        return result;
    }
}
