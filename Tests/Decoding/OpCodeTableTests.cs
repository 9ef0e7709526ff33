using System.Numerics;
using System.Runtime.CompilerServices;
using LoongsonDbt.Translator.Decoding;
using LoongsonDbt.Translator.Disassembly;

namespace LoongsonDbt.Tests.Decoding;

/// <summary>
/// Properties of the opcode table as a whole: one row per instruction name, no ambiguous rows, every
/// operand syntax printable, and a decoder that finds the most specific row without allocating.
/// </summary>
[TestFixture]
public class OpCodeTableTests
{
    private const int AllocationProbeWords = 10_000;

    /// <summary>Alternating field bits: no register field is $zero, no offset is 0.</summary>
    private const uint FieldPattern = 0x5555_5555;

    [Test]
    public void EveryInstructionNameButReservedHasExactlyOneRow()
    {
        ILookup<InstructionName, OpCode> rowsByName = OpCodeTable.All.ToLookup(row => row.Name);
        using (Assert.EnterMultipleScope())
        {
            foreach (InstructionName name in Enum.GetValues<InstructionName>())
            {
                int expected = name == InstructionName.Reserved ? 0 : 1;
                Assert.That(rowsByName[name].Count(), Is.EqualTo(expected), name.ToString());
            }
        }
    }

    [Test]
    public void EveryRowIsItsOwnEntryByName()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (OpCode row in OpCodeTable.All)
            {
                ref readonly OpCode byName = ref OpCodeTable.Get(row.Name);
                Assert.That((byName.Mask, byName.Value), Is.EqualTo((row.Mask, row.Value)), row.Name.ToString());
            }
        }
    }

    [Test]
    public void OverlappingRowsAreOnlyASpecialFormInsideAGeneralOne()
    {
        var ambiguous = new List<string>();
        for (int i = 0; i < OpCodeTable.All.Length; i++)
        {
            for (int j = i + 1; j < OpCodeTable.All.Length; j++)
            {
                OpCode a = OpCodeTable.All[i], b = OpCodeTable.All[j];
                bool overlap = ((a.Value ^ b.Value) & a.Mask & b.Mask) == 0;
                if (overlap && !StrictlyContains(a.Mask, b.Mask) && !StrictlyContains(b.Mask, a.Mask))
                {
                    ambiguous.Add($"{a.Name} (mask 0x{a.Mask:x8}, value 0x{a.Value:x8}) and {b.Name} (mask 0x{b.Mask:x8}, value 0x{b.Value:x8})");
                }
            }
        }

        Assert.That(ambiguous, Is.Empty);
    }

    [Test]
    public void RowsWithTheSameNumberOfFixedBitsNeverOverlap()
    {
        var ambiguous = new List<string>();
        for (int i = 0; i < OpCodeTable.All.Length; i++)
        {
            for (int j = i + 1; j < OpCodeTable.All.Length; j++)
            {
                OpCode a = OpCodeTable.All[i], b = OpCodeTable.All[j];
                if (BitOperations.PopCount(a.Mask) == BitOperations.PopCount(b.Mask)
                    && ((a.Value ^ b.Value) & a.Mask & b.Mask) == 0)
                {
                    ambiguous.Add($"{a.Name} and {b.Name}");
                }
            }
        }

        Assert.That(ambiguous, Is.Empty);
    }

    [Test]
    public void EveryRowsOperandSyntaxFormats()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (OpCode row in OpCodeTable.All)
            {
                var instruction = new DecodedInstruction(row.Value | ~row.Mask, row.Name);
                Assert.That(() => Disassembler.Format(instruction, DecodingAssert.Pc), Throws.Nothing,
                    $"{row.Name} \"{row.Operands}\"");
            }
        }
    }

    [Test]
    public void EveryAliasOperandSyntaxFormats()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (Alias alias in AliasTable.All)
            {
                // The alias's own bits, the row's fixed bits, and a pattern elsewhere that keeps a
                // more specific alias of the same instruction (b before beqz) from matching first.
                OpCode row = OpCodeTable.Get(alias.Name);
                uint word = row.Value | alias.Value | (FieldPattern & ~alias.Mask & ~row.Mask);
                string expected = alias.Operands.Length == 0 ? alias.Mnemonic : alias.Mnemonic + "\t";
                Assert.That(Disassembler.Format(new DecodedInstruction(word, alias.Name), DecodingAssert.Pc),
                    alias.Operands.Length == 0 ? Is.EqualTo(expected) : Does.StartWith(expected),
                    $"{alias.Mnemonic} \"{alias.Operands}\" on 0x{word:x8}");
            }
        }
    }

    [Test]
    public void DecoderPicksTheMostSpecificMatchingRow()
    {
        var random = new Random(20261128);
        var words = new List<uint>();
        foreach (OpCode row in OpCodeTable.All)
        {
            words.Add(row.Value);
            words.Add(row.Value | ((uint)random.NextInt64() & ~row.Mask));
        }

        for (int i = 0; i < 20_000; i++)
        {
            words.Add((uint)random.NextInt64());
        }

        var mismatches = new List<string>();
        foreach (uint word in words)
        {
            InstructionName expected = OpCodeTable.All
                .Where(row => row.Matches(word))
                .OrderByDescending(row => BitOperations.PopCount(row.Mask))
                .Select(row => row.Name)
                .DefaultIfEmpty(InstructionName.Reserved)
                .First();
            InstructionName actual = Decoder.Loongson3.Decode(word).Name;
            if (actual != expected)
            {
                mismatches.Add($"0x{word:x8}: {actual}, expected {expected}");
            }
        }

        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public void DecodingAllocatesNothing()
    {
        var random = new Random(3);
        uint[] words = new uint[AllocationProbeWords];
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = i % 2 == 0 ? (uint)random.NextInt64() : OpCodeTable.All[i % OpCodeTable.All.Length].Value;
        }

        Decoder decoder = Decoder.Loongson3;
        Checksum(decoder, words);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long checksum = Checksum(decoder, words);
        long after = GC.GetAllocatedBytesForCurrentThread();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(after - before, Is.Zero, "bytes allocated while decoding");
            Assert.That(checksum, Is.Positive);
        }
    }

    [Test]
    public void DecodedInstructionIsEightBytes() =>
        Assert.That(Unsafe.SizeOf<DecodedInstruction>(), Is.EqualTo(8));

    /// <summary>Decodes every word and folds in what a translator reads, so nothing is optimised away.</summary>
    private static long Checksum(Decoder decoder, uint[] words)
    {
        long sum = 0;
        foreach (uint word in words)
        {
            DecodedInstruction instruction = decoder.Decode(word);
            sum += (int)instruction.Name + (int)instruction.Class + (long)instruction.Flags + instruction.Rs;
        }

        return sum;
    }

    private static bool StrictlyContains(uint outer, uint inner) => outer != inner && (outer & inner) == inner;
}
