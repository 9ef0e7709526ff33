using System.Buffers.Binary;
using System.Text;

namespace LoongsonDbt.Runtime.Images;

/// <summary>
/// The kernel's own symbol table (kallsyms), found by pattern inside a raw image and decoded.
/// Layout as scripts/kallsyms.c writes it for Linux 6.1, 64-bit little-endian, CONFIG_KALLSYMS_BASE_RELATIVE=y,
/// each table starting on an 8-byte boundary, in this order:
/// <c>kallsyms_offsets</c> (int32 per symbol), <c>kallsyms_relative_base</c> (u64), <c>kallsyms_num_syms</c> (u32),
/// <c>kallsyms_names</c> (length-prefixed token strings), <c>kallsyms_markers</c> (u32 per 256 names),
/// optionally <c>kallsyms_seqs_of_names</c> (3 bytes per symbol; Debian's 6.1 has the backport),
/// <c>kallsyms_token_table</c> (256 NUL-terminated strings) and <c>kallsyms_token_index</c> (256 u16).
/// Like vmlinux-to-elf, the search starts from the token table, which is easy to recognise, and walks back.
/// </summary>
public sealed class Kallsyms
{
    private const int TableAlignment = 8;
    private const int TokenCount = 256;
    private const int TokenIndexSize = TokenCount * sizeof(ushort);
    private const int NamesPerMarker = 256;
    private const int SequenceEntrySize = 3;

    // Bounds a chance match in unrelated data; real kernels have well under a million symbols.
    private const int MaxSymbols = 1 << 21;

    // Names longer than 127 bytes take a second length byte (Linux 6.1 "big symbols" for Rust).
    private const int LongNameFlag = 0x80;

    // Every byte value that occurs in a symbol is its own token at its own index, so the digits always
    // appear as consecutive one-character tokens at indices '0'..'9'.
    private static ReadOnlySpan<byte> DigitTokens => "0\u00001\u00002\u00003\u00004\u00005\u00006\u00007\u00008\u00009\u0000"u8;

    private Kallsyms(SymbolTable symbols, ulong relativeBase)
    {
        Symbols = symbols;
        RelativeBase = relativeBase;
        LoadAddress = RequiredAddress("_text");
        TextStart = RequiredAddress("_stext");
        TextEnd = RequiredAddress("_etext");
        InitTextStart = RequiredAddress("_sinittext");
        InitTextEnd = RequiredAddress("_einittext");
    }

    public SymbolTable Symbols { get; }

    /// <summary><c>kallsyms_relative_base</c>: every symbol address is this plus its 32-bit offset.</summary>
    public ulong RelativeBase { get; }

    /// <summary>Address of <c>_text</c>, where the first byte of the raw image is loaded.</summary>
    public ulong LoadAddress { get; }

    /// <summary><c>_stext</c>.</summary>
    public ulong TextStart { get; }

    /// <summary><c>_etext</c> (exclusive).</summary>
    public ulong TextEnd { get; }

    /// <summary><c>_sinittext</c>.</summary>
    public ulong InitTextStart { get; }

    /// <summary><c>_einittext</c> (exclusive).</summary>
    public ulong InitTextEnd { get; }

    public static Kallsyms Find(ReadOnlySpan<byte> image)
    {
        for (var searchFrom = 0; ;)
        {
            var hit = image[searchFrom..].IndexOf(DigitTokens);
            if (hit < 0)
            {
                throw new InvalidGuestImageException("no kallsyms token table in the kernel image");
            }

            var digitZero = searchFrom + hit;
            if (TryFindTokenTable(image, digitZero, out var tokenTable, out var tokenIndex)
                && TryFindNames(image, tokenTable, out var layout))
            {
                return Decode(image, layout, DecodeTokens(image, tokenTable, tokenIndex));
            }

            searchFrom = digitZero + 1;
        }
    }

    private ulong RequiredAddress(string name) =>
        Symbols.TryGetSymbol(name, out var symbol)
            ? symbol.Address
            : throw new InvalidGuestImageException($"kallsyms has no '{name}' symbol");

    // The index must follow the last token at the next boundary and point at each token in turn.
    private static bool TryFindTokenTable(ReadOnlySpan<byte> image, int digitZero, out int tableStart, out int indexStart)
    {
        tableStart = indexStart = -1;
        var position = digitZero;
        for (int token = '0'; token < TokenCount; token++)
        {
            if (!TrySkipString(image, ref position))
            {
                return false;
            }
        }

        indexStart = AlignUp(position);
        if (indexStart > image.Length - TokenIndexSize)
        {
            return false;
        }

        var index = image.Slice(indexStart, TokenIndexSize);
        tableStart = digitZero - TokenOffset(index, '0');
        if (tableStart < 0 || tableStart % TableAlignment != 0)
        {
            return false;
        }

        var expected = tableStart;
        for (var token = 0; token < TokenCount; token++)
        {
            if (tableStart + TokenOffset(index, token) != expected || !TrySkipString(image, ref expected))
            {
                return false;
            }
        }

        return expected == position;
    }

    private static string[] DecodeTokens(ReadOnlySpan<byte> image, int tableStart, int indexStart)
    {
        var index = image.Slice(indexStart, TokenIndexSize);
        var tokens = new string[TokenCount];
        for (var token = 0; token < TokenCount; token++)
        {
            var text = image[(tableStart + TokenOffset(index, token))..];
            tokens[token] = Encoding.Latin1.GetString(text[..text.IndexOf((byte)0)]);
        }

        return tokens;
    }

    // kallsyms_num_syms sits 8 bytes before the names; try each aligned word below the token table until
    // the names, markers and optional sequence table it implies end exactly at the token table.
    private static bool TryFindNames(ReadOnlySpan<byte> image, int tokenTable, out KallsymsLayout layout)
    {
        for (var countAt = tokenTable - TableAlignment; countAt >= TableAlignment; countAt -= TableAlignment)
        {
            var count = BinaryPrimitives.ReadUInt32LittleEndian(image[countAt..]);
            if (count is 0 or > MaxSymbols || BinaryPrimitives.ReadUInt32LittleEndian(image[(countAt + 4)..]) != 0)
            {
                continue;
            }

            var symbolCount = (int)count;
            var namesStart = countAt + TableAlignment;
            if (TryMeasureNames(image, namesStart, symbolCount, tokenTable, out var namesEnd)
                && TryCheckTrailer(image, namesStart, namesEnd, symbolCount, tokenTable, out var markersStart))
            {
                var relativeBaseAt = countAt - sizeof(ulong);
                var offsetsStart = AlignDown(relativeBaseAt - (symbolCount * sizeof(int)));
                if (offsetsStart >= 0)
                {
                    layout = new KallsymsLayout(offsetsStart, relativeBaseAt, symbolCount, namesStart, markersStart);
                    return true;
                }
            }
        }

        layout = default;
        return false;
    }

    private static bool TryMeasureNames(ReadOnlySpan<byte> image, int namesStart, int count, int limit, out int namesEnd)
    {
        namesEnd = namesStart;
        for (var symbol = 0; symbol < count; symbol++)
        {
            if (!TryReadNameLength(image, ref namesEnd, limit, out var length))
            {
                return false;
            }

            namesEnd += length;
        }

        return namesEnd <= limit;
    }

    // Markers give the names offset of every 256th symbol; then comes either the token table or the
    // sequence table (one 3-byte entry per symbol) and then the token table.
    private static bool TryCheckTrailer(
        ReadOnlySpan<byte> image, int namesStart, int namesEnd, int count, int tokenTable, out int markersStart)
    {
        markersStart = AlignUp(namesEnd);
        var markerCount = (count + NamesPerMarker - 1) / NamesPerMarker;
        var markersEnd = markersStart + (markerCount * sizeof(uint));
        var afterMarkers = AlignUp(markersEnd);
        if (afterMarkers != tokenTable && AlignUp(afterMarkers + (count * SequenceEntrySize)) != tokenTable)
        {
            return false;
        }

        var position = namesStart;
        for (var symbol = 0; symbol < count; symbol++)
        {
            if (symbol % NamesPerMarker == 0
                && BinaryPrimitives.ReadUInt32LittleEndian(image[(markersStart + (symbol / NamesPerMarker * sizeof(uint)))..])
                    != position - namesStart)
            {
                return false;
            }

            TryReadNameLength(image, ref position, namesEnd, out var length);
            position += length;
        }

        return true;
    }

    private static Kallsyms Decode(ReadOnlySpan<byte> image, KallsymsLayout layout, string[] tokens)
    {
        var relativeBase = BinaryPrimitives.ReadUInt64LittleEndian(image[layout.RelativeBase..]);
        var symbols = new GuestSymbol[layout.Count];
        var name = new StringBuilder();
        var position = layout.Names;
        var previousAddress = relativeBase;
        for (var symbol = 0; symbol < layout.Count; symbol++)
        {
            // MIPS has no absolute per-CPU symbols, so every offset is an unsigned distance from the base.
            var offset = BinaryPrimitives.ReadUInt32LittleEndian(image[(layout.Offsets + (symbol * sizeof(int)))..]);
            var address = relativeBase + offset;
            if (address < previousAddress)
            {
                throw new InvalidGuestImageException(
                    $"kallsyms offsets are not sorted at symbol {symbol}; not a 6.1 base-relative table");
            }

            TryReadNameLength(image, ref position, layout.Markers, out var length);
            name.Clear();
            foreach (var token in image.Slice(position, length))
            {
                name.Append(tokens[token]);
            }

            position += length;
            if (name.Length < 2)
            {
                throw new InvalidGuestImageException($"kallsyms name {symbol} decodes to '{name}', too short for type + name");
            }

            // The first expanded character is the symbol's type letter.
            symbols[symbol] = new GuestSymbol(name.ToString(1, name.Length - 1), address, name[0]);
            previousAddress = address;
        }

        return new Kallsyms(new SymbolTable(symbols), relativeBase);
    }

    private static bool TryReadNameLength(ReadOnlySpan<byte> image, ref int position, int limit, out int length)
    {
        length = 0;
        if (position >= limit)
        {
            return false;
        }

        length = image[position++];
        if ((length & LongNameFlag) != 0)
        {
            if (position >= limit)
            {
                return false;
            }

            length = (length & ~LongNameFlag) | (image[position++] << 7);
        }

        return length != 0;
    }

    private static bool TrySkipString(ReadOnlySpan<byte> image, ref int position)
    {
        var terminator = image[position..].IndexOf((byte)0);
        if (terminator < 0)
        {
            return false;
        }

        position += terminator + 1;
        return true;
    }

    private static int TokenOffset(ReadOnlySpan<byte> index, int token) =>
        BinaryPrimitives.ReadUInt16LittleEndian(index[(token * sizeof(ushort))..]);

    // The image is loaded at an aligned address, so image offsets share the tables' alignment.
    private static int AlignUp(int offset) => (offset + TableAlignment - 1) & -TableAlignment;

    private static int AlignDown(int offset) => offset & -TableAlignment;
}
