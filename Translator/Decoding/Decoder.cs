using System.Numerics;

namespace LoongsonDbt.Translator.Decoding;

/// <summary>
/// Finds the opcode-table row of an instruction word. Rows are bucketed by the major opcode and
/// the low six bits (where most MIPS sub-opcodes live), most specific first, so a lookup tests a
/// handful of mask/value pairs. Built once per CPU model; decoding allocates nothing.
/// </summary>
public sealed class Decoder
{
    private const int BucketCount = 1 << 12;

    /// <summary>The bits that choose a bucket: the major opcode (31:26) and the function field (5:0).</summary>
    private const uint BucketMask = 0xFC00_003F;

    private readonly InstructionName[][] _buckets;
    private readonly uint[][] _masks;
    private readonly uint[][] _values;

    public Decoder(InstructionSet enabled)
    {
        Enabled = enabled;
        var rows = new List<OpCode>[BucketCount];
        for (int i = 0; i < BucketCount; i++)
        {
            rows[i] = [];
        }

        foreach (OpCode row in OpCodeTable.All)
        {
            if ((row.Set & enabled) == 0)
            {
                continue;
            }

            for (int bucket = 0; bucket < BucketCount; bucket++)
            {
                uint bucketWord = BucketWord(bucket);
                if ((bucketWord & BucketMask & row.Mask) == (row.Value & BucketMask))
                {
                    rows[bucket].Add(row);
                }
            }
        }

        _buckets = new InstructionName[BucketCount][];
        _masks = new uint[BucketCount][];
        _values = new uint[BucketCount][];
        for (int bucket = 0; bucket < BucketCount; bucket++)
        {
            // More fixed bits first: a special form (jr.hb, a CSR op in the LWC2 space) wins over
            // the general one it overlaps.
            OpCode[] ordered = [.. rows[bucket].OrderByDescending(r => BitOperations.PopCount(r.Mask))];
            _buckets[bucket] = [.. ordered.Select(r => r.Name)];
            _masks[bucket] = [.. ordered.Select(r => r.Mask)];
            _values[bucket] = [.. ordered.Select(r => r.Value)];
        }
    }

    /// <summary>The instruction sets of a Loongson-3 guest: what Debian's kernel and user space use.</summary>
    public static Decoder Loongson3 { get; } = new(InstructionSet.Loongson3);

    public InstructionSet Enabled { get; }

    public DecodedInstruction Decode(uint word)
    {
        int bucket = (int)((word >> 20) & 0xFC0 | (word & 0x3F));
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

    private static uint BucketWord(int bucket) => ((uint)(bucket >> 6) << 26) | (uint)(bucket & 0x3F);
}
