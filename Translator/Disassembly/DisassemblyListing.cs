using System.Buffers.Binary;
using LoongsonDbt.Runtime.Images;
using LoongsonDbt.Translator.Decoding;

namespace LoongsonDbt.Translator.Disassembly;

/// <summary>
/// Writes code as objdump lists it: a header where a symbol starts, then one line per word with
/// its address, the word and the instruction; branch and jump targets are named after the
/// symbol they fall in.
/// </summary>
public sealed class DisassemblyListing
{
    private readonly TextWriter _output;
    private readonly SymbolTable _symbols;
    private readonly Decoder _decoder;

    public DisassemblyListing(TextWriter output, SymbolTable symbols, Decoder decoder)
    {
        _output = output;
        _symbols = symbols;
        _decoder = decoder;
    }

    /// <summary>Lists little-endian <paramref name="code"/> that lives at <paramref name="address"/>.</summary>
    public void Write(ReadOnlySpan<byte> code, ulong address)
    {
        for (int offset = 0; offset + 4 <= code.Length; offset += 4)
        {
            ulong pc = address + (ulong)offset;
            if (_symbols.TryLocate(pc, out SymbolLocation here) && here.Offset == 0)
            {
                _output.WriteLine();
                _output.WriteLine($"{pc:x16} <{here.Symbol.Name}>:");
            }

            uint word = BinaryPrimitives.ReadUInt32LittleEndian(code[offset..]);
            DecodedInstruction instruction = _decoder.Decode(word);
            _output.WriteLine($"{pc,16:x}:\t{word:x8} \t{Disassembler.Format(instruction, pc)}{Annotation(instruction, pc)}");
        }
    }

    private string Annotation(in DecodedInstruction instruction, ulong pc)
    {
        if (instruction.Class == InstructionClass.LoongsonSystem)
        {
            // binutils has no names for these; say which Loongson operation the lwc2 word is.
            return $"\t# {instruction.Name.ToString().ToLowerInvariant()}";
        }

        ulong? target = instruction.Name switch
        {
            InstructionName.J or InstructionName.Jal => instruction.JumpTarget(pc),
            _ when (instruction.Flags & InstructionFlags.ConditionalBranch) != 0 => instruction.BranchTarget(pc),
            _ => null,
        };
        return target is { } t && _symbols.TryLocate(t, out SymbolLocation location)
            ? location.Offset == 0 ? $" <{location.Symbol.Name}>" : $" <{location.Symbol.Name}+0x{location.Offset:x}>"
            : "";
    }
}
