using ELFSharp.ELF;
using ELFSharp.ELF.Sections;

namespace LoongsonDbt.Runtime.Images;

/// <summary>
/// Guest symbols sorted by address, with lookup by name and by contained address.
/// Built from a kernel's kallsyms (<see cref="Kallsyms"/>) or from an ELF program's .symtab.
/// </summary>
public sealed class SymbolTable
{
    private readonly GuestSymbol[] _byAddress;
    private readonly Dictionary<string, int> _indexByName;

    /// <param name="symbols">Any order; symbols at the same address keep their relative order.</param>
    public SymbolTable(IEnumerable<GuestSymbol> symbols)
    {
        // OrderBy is stable, so aliases keep the order the producer gave them.
        _byAddress = symbols.OrderBy(symbol => symbol.Address).ToArray();
        _indexByName = new Dictionary<string, int>(_byAddress.Length, StringComparer.Ordinal);
        for (var index = 0; index < _byAddress.Length; index++)
        {
            // Static functions may share a name; the lowest address wins, as in the kernel's own lookup.
            _indexByName.TryAdd(_byAddress[index].Name, index);
        }
    }

    public static SymbolTable Empty { get; } = new([]);

    public int Count => _byAddress.Length;

    /// <summary>All symbols in address order.</summary>
    public IReadOnlyList<GuestSymbol> Symbols => _byAddress;

    public bool TryGetSymbol(string name, out GuestSymbol symbol)
    {
        if (_indexByName.TryGetValue(name, out var index))
        {
            symbol = _byAddress[index];
            return true;
        }

        symbol = default;
        return false;
    }

    public ulong GetAddress(string name) =>
        TryGetSymbol(name, out var symbol)
            ? symbol.Address
            : throw new KeyNotFoundException($"no symbol named '{name}'");

    /// <summary>
    /// The symbol at or nearest below <paramref name="address"/> (first of several aliases), and the offset
    /// into it. Symbol sizes are not known for kallsyms, so nothing bounds the offset.
    /// </summary>
    public bool TryLocate(ulong address, out SymbolLocation location)
    {
        var index = LastIndexAtOrBelow(address);
        if (index < 0)
        {
            location = default;
            return false;
        }

        while (index > 0 && _byAddress[index - 1].Address == _byAddress[index].Address)
        {
            index--;
        }

        var symbol = _byAddress[index];
        location = new SymbolLocation(symbol, address - symbol.Address);
        return true;
    }

    /// <summary>Function and object symbols of an ELF file's .symtab; a stripped file gives an empty table.</summary>
    public static SymbolTable FromElf(string path)
    {
        using var elf = ElfFiles.Open(path);
        return FromElf(elf);
    }

    public static SymbolTable FromElf(IELF elf)
    {
        if (!elf.TryGetSection(".symtab", out var section) || section is not ISymbolTable symtab)
        {
            return Empty;
        }

        return new SymbolTable(
            symtab.Entries
                .Where(entry => entry.Type is SymbolType.Function or SymbolType.Object
                    && !entry.IsPointedIndexSpecial
                    && entry.Name.Length > 0)
                .Select(entry => new GuestSymbol(entry.Name, ValueOf(entry), TypeLetter(entry))));
    }

    private int LastIndexAtOrBelow(ulong address)
    {
        int low = 0, high = _byAddress.Length - 1, found = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            if (_byAddress[middle].Address <= address)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }

    private static ulong ValueOf(ISymbolEntry entry) => entry switch
    {
        SymbolEntry<ulong> wide => wide.Value,
        SymbolEntry<uint> narrow => narrow.Value,
        _ => throw new InvalidGuestImageException($"unexpected ELF symbol entry type {entry.GetType().Name}"),
    };

    // The letters nm prints, so ELF and kallsyms symbols read alike: upper case for global, lower for local.
    private static char TypeLetter(ISymbolEntry entry)
    {
        var flags = entry.PointedSection.Flags;
        var letter = entry.Type == SymbolType.Function ? 'T'
            : entry.PointedSection.Type == SectionType.NoBits ? 'B'
            : (flags & SectionFlags.Writable) == 0 ? 'R'
            : 'D';
        if (entry.Binding == SymbolBinding.Weak)
        {
            return entry.Type == SymbolType.Function ? 'W' : 'V';
        }

        return entry.Binding == SymbolBinding.Local ? char.ToLowerInvariant(letter) : letter;
    }
}
