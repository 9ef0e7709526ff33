using LoongsonDbt.Runtime.Images;
using NUnit.Framework;

namespace LoongsonDbt.Tests.Images;

[TestFixture]
[Category("Guest")]
public sealed class KallsymsTests
{
    // ISA.md §1.1, measured on linux-image-6.1.0-50-loongson-3 6.1.176-1 with vmlinux-to-elf.
    private const int SymbolCount = 38_159;
    private const ulong LoadAddress = 0xFFFFFFFF80200000;
    private const ulong TextStart = 0xFFFFFFFF80200000;
    private const ulong TextEnd = 0xFFFFFFFF80D13B60;
    private const ulong InitTextStart = 0xFFFFFFFF811F0000;
    private const ulong InitTextEnd = 0xFFFFFFFF812359B4;

    private static Kallsyms Kallsyms => DebianKernel.Image.Kallsyms;

    [Test]
    public void FindsEverySymbol()
    {
        Assert.That(Kallsyms.Symbols.Count, Is.EqualTo(SymbolCount));
    }

    [Test]
    public void LoadAddressIsText()
    {
        Assert.That(Kallsyms.LoadAddress, Is.EqualTo(LoadAddress));
        Assert.That(Kallsyms.Symbols.GetAddress("_text"), Is.EqualTo(LoadAddress));
    }

    [Test]
    public void SectionBoundsMatchTheMeasurement()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Kallsyms.TextStart, Is.EqualTo(TextStart));
            Assert.That(Kallsyms.TextEnd, Is.EqualTo(TextEnd));
            Assert.That(Kallsyms.InitTextStart, Is.EqualTo(InitTextStart));
            Assert.That(Kallsyms.InitTextEnd, Is.EqualTo(InitTextEnd));
        });
    }

    [Test]
    public void StartKernelIsGlobalInitText()
    {
        Assert.That(Kallsyms.Symbols.TryGetSymbol("start_kernel", out var startKernel), Is.True);
        Assert.That(startKernel.Type, Is.EqualTo('T'));
        Assert.That(startKernel.Address, Is.InRange(InitTextStart, InitTextEnd - 1));
    }

    [Test]
    public void AddressInsideStartKernelMapsBackToIt()
    {
        var startKernel = Kallsyms.Symbols.GetAddress("start_kernel");

        Assert.That(Kallsyms.Symbols.TryLocate(startKernel + 0x18, out var location), Is.True);
        Assert.That(location.ToString(), Is.EqualTo("start_kernel+0x18"));
    }

    [Test]
    public void SystemCallTableSitsWhereTheCensusFoundIt()
    {
        // ISA.md §1.1 excludes sys_call_table from the census as data at this address.
        Assert.That(Kallsyms.Symbols.GetAddress("sys_call_table"), Is.EqualTo(0xFFFFFFFF8021B7A0));
    }

    [Test]
    public void AddressBelowTheKernelHasNoSymbol()
    {
        Assert.That(Kallsyms.Symbols.TryLocate(LoadAddress - 1, out _), Is.False);
    }

    [Test]
    public void SymbolsAreSortedByAddress()
    {
        var symbols = Kallsyms.Symbols.Symbols;
        Assert.That(symbols.Select(symbol => symbol.Address), Is.Ordered);
        Assert.That(symbols[0].Address, Is.EqualTo(LoadAddress));
    }

    [Test]
    public void UnknownNameIsNotFound()
    {
        Assert.That(Kallsyms.Symbols.TryGetSymbol("no_such_symbol_anywhere", out _), Is.False);
        Assert.Throws<KeyNotFoundException>(() => Kallsyms.Symbols.GetAddress("no_such_symbol_anywhere"));
    }
}
