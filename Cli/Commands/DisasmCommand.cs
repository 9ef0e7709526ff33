using System.CommandLine;
using System.Globalization;
using LoongsonDbt.Cli.Guests;
using LoongsonDbt.Runtime.Images;
using LoongsonDbt.Translator.Decoding;
using LoongsonDbt.Translator.Disassembly;

namespace LoongsonDbt.Cli.Commands;

/// <summary><c>loongson-dbt disasm [FILE]</c>: list guest code in objdump's syntax.</summary>
internal static class DisasmCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo?>("file")
        {
            Description = "A mips64el ELF program, Debian's vmlinuz, a raw kernel image, or a raw image with --load-address. Default: the Debian loongson-3 kernel (fetched on first use).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var symbol = new Option<string?>("--symbol", "-s") { Description = "List this symbol only (kallsyms or ELF .symtab)." };
        var start = new Option<string?>("--start") { Description = "First address to list (hex, or a symbol name)." };
        var stop = new Option<string?>("--stop") { Description = "Address to stop before (hex, or a symbol name)." };
        var loadAddress = new Option<string?>("--load-address") { Description = "Where a raw image's first byte lives (hex)." };

        var command = new Command("disasm", "Disassemble guest code as GNU objdump does (mips:gs464, VZ, MSA, n64 names).")
        {
            file, symbol, start, stop, loadAddress,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(file)?.FullName ?? DebianGuest.Fetch().KernelPath;
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path}: no such file");
            }

            ulong? load = parse.GetValue(loadAddress) is { } text ? ParseHex(text) : null;
            CodeImage image = CodeImage.Open(path, load);
            var listing = new DisassemblyListing(Console.Out, image.Symbols, Decoder.Loongson3);
            foreach ((ulong from, ulong to) in SelectRanges(image, parse.GetValue(symbol), parse.GetValue(start), parse.GetValue(stop)))
            {
                listing.Write(image.Read(from, to), from);
            }

            return 0;
        });
        return command;
    }

    private static IEnumerable<(ulong Start, ulong End)> SelectRanges(CodeImage image, string? symbol, string? start, string? stop)
    {
        if (symbol is not null)
        {
            return [image.SymbolRange(symbol)];
        }

        if (start is null && stop is null)
        {
            return image.CodeRanges;
        }

        ulong from = start is null ? image.CodeRanges[0].Start : Resolve(image.Symbols, start);
        ulong to = stop is null
            ? image.CodeRanges.First(r => from >= r.Start && from < r.End).End
            : Resolve(image.Symbols, stop);
        if (to < from)
        {
            throw new ArgumentException($"--stop 0x{to:x} is below --start 0x{from:x}");
        }

        return [(from, to)];
    }

    private static ulong Resolve(SymbolTable symbols, string text) =>
        symbols.TryGetSymbol(text, out GuestSymbol found) ? found.Address : ParseHex(text);

    private static ulong ParseHex(string text)
    {
        ReadOnlySpan<char> digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text.AsSpan(2) : text;
        return ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong value)
            ? value
            : throw new FormatException($"'{text}' is neither a hex address nor a known symbol");
    }
}
