using System.Numerics;

namespace LoongsonDbt.Translator.Decoding;

/// <summary>
/// Finds the opcode-table row of an instruction word. Rows are bucketed by the major opcode and
/// the low six bits (where most MIPS sub-opcodes live), most specific first, so a lookup tests a
/// handful of mask/value pairs. Built once per CPU model; decoding allocates nothing.
/// </summary>
public sealed class Decoder
{
    /// <summary>Buckets are chosen by the major opcode (31:26) and the function field (5:0).</summary>
    private const int BucketCount = 1 << 12;

    private readonly InstructionName[][] _buckets;
    private readonly uint[][] _masks;
    private readonly uint[][] _values;

    public Decoder(InstructionSet enabled)
    {
        Enabled = enabled;

        // Two passes over the rows, counting then filling, so that the buckets are plain arrays (OpCodeTable.Rows).
        int[] counts = new int[BucketCount];
        ForEachBucket(enabled, (bucket, _) => counts[bucket]++);
        var rows = new OpCode[BucketCount][];
        for (int bucket = 0; bucket < BucketCount; bucket++)
        {
            rows[bucket] = new OpCode[counts[bucket]];
            counts[bucket] = 0;
        }

        ForEachBucket(enabled, (bucket, row) => rows[bucket][counts[bucket]++] = row);

        _buckets = new InstructionName[BucketCount][];
        _masks = new uint[BucketCount][];
        _values = new uint[BucketCount][];
        for (int bucket = 0; bucket < BucketCount; bucket++)
        {
            OpCode[] ordered = rows[bucket];
            SortBySpecificity(ordered);
            _buckets[bucket] = new InstructionName[ordered.Length];
            _masks[bucket] = new uint[ordered.Length];
            _values[bucket] = new uint[ordered.Length];
            for (int i = 0; i < ordered.Length; i++)
            {
                _buckets[bucket][i] = ordered[i].Name;
                _masks[bucket][i] = ordered[i].Mask;
                _values[bucket][i] = ordered[i].Value;
            }
        }
    }

    /// <summary>Each enabled row with each bucket it can match, in table order.</summary>
    private static void ForEachBucket(InstructionSet enabled, Action<int, OpCode> visit)
    {
        foreach (OpCode row in OpCodeTable.Rows)
        {
            if ((row.Set & enabled) == 0)
            {
                continue;
            }

            // The row's fixed bucket bits pick the buckets it can match; every setting of the free ones is one.
            int fixedBits = BucketOf(row.Mask);
            int fixedValue = BucketOf(row.Value) & fixedBits;
            int free = ~fixedBits & (BucketCount - 1);
            for (int setting = free; ; setting = (setting - 1) & free)
            {
                visit(fixedValue | setting, row);
                if (setting == 0)
                {
                    break;
                }
            }
        }
    }

    /// <summary>The instruction sets of a Loongson-3 guest: what Debian's kernel and user space use.</summary>
    public static Decoder Loongson3 { get; } = new(InstructionSet.Loongson3);

    public InstructionSet Enabled { get; }

    public DecodedInstruction Decode(uint word)
    {
        int bucket = BucketOf(word);
        uint[] masks = _masks[bucket];
        uint[] values = _values[bucket];
        for (int i = 0; i < masks.Length; i++)
        {
            if ((word & masks[i]) == values[i])
            {
                return new DecodedInstruction(word, _buckets[bucket][i]);
            }
        }

        return new DecodedInstruction(word, InstructionName.Reserved);
    }

    /// <summary>
    /// More fixed bits first, so a special form (jr.hb, a CSR op in the LWC2 space) wins over the general one it
    /// overlaps; equal ones keep the table's order. An insertion sort: buckets hold a handful of rows, and LINQ's
    /// generic sort over this struct would be compiled at every start.
    /// </summary>
    private static void SortBySpecificity(OpCode[] rows)
    {
        for (int i = 1; i < rows.Length; i++)
        {
            OpCode row = rows[i];
            int fixedBits = BitOperations.PopCount(row.Mask);
            int j = i - 1;
            for (; j >= 0 && BitOperations.PopCount(rows[j].Mask) < fixedBits; j--)
            {
                rows[j + 1] = rows[j];
            }

            rows[j + 1] = row;
        }
    }

    /// <summary>The bucket index of a word: its major opcode above its function field.</summary>
    private static int BucketOf(uint word) => (int)((word >> 20) & 0xFC0 | (word & 0x3F));
}
