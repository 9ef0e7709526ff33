using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.Translator.Decoding;
using LoongsonDbt.Translator.Execution;
using LoongsonDbt.Translator.Semantics;

namespace LoongsonDbt.Translator.Emit;

/// <summary>
/// Plain loads, or plain stores, of one size through one base register in a straight run of a block
/// where that register keeps its value (a structure's fields, an unrolled loop's array slots): one
/// software-TLB check of the whole range they touch serves them all when it lies in one page, and each
/// access is then a single host load or store. When the check fails (a miss, a page boundary, a code
/// page for stores) each access takes its own path, so faults stay precise. A base register stepped by a
/// constant (<c>daddiu $r, $r, imm</c>, a loop's pointer moving on between its accesses) keeps its group,
/// the offsets after it counted from the register's value at the check. A table lookup joins the group of the
/// table's register too: an access through that register plus an index of known bounds (a byte loaded or
/// masked, maybe scaled, as <c>lbu; dsll; daddu</c> computes md5's message word or a CRC table's entry) lies
/// within the bounds' range, and the check covers it.
/// </summary>
public sealed class SharedPageCheck
{
    private SharedPageCheck(int baseRegister, int size, bool isStore, long offset, int first)
    {
        BaseRegister = baseRegister;
        Size = size;
        IsStore = isStore;
        LowestOffset = offset;
        HighestOffset = offset;
        FirstStep = first;
    }

    public int BaseRegister { get; }

    public int Size { get; }

    public bool IsStore { get; }

    /// <summary>The lowest offset from the base: the check is made for GPR[base] + this.</summary>
    public long LowestOffset { get; private set; }

    public long HighestOffset { get; private set; }

    /// <summary>The step that makes the check: the group's first access.</summary>
    public int FirstStep { get; }

    /// <summary>Bytes from the lowest access's first byte to the highest access's last.</summary>
    public int Span => (int)(HighestOffset - LowestOffset) + Size;

    /// <summary>How many accesses share the check.</summary>
    public int Accesses { get; private set; } = 1;

    /// <summary>What the base register has been stepped by since the check.</summary>
    private long _stepped;

    /// <summary>
    /// The group each of <paramref name="steps"/>[0, <paramref name="count"/>) belongs to, or null; groups have at
    /// least two accesses. Any step that calls into the runtime ends every group (it might change the mapping),
    /// and a write to a base register ends that register's groups unless it steps the register by a constant.
    /// </summary>
    public static SharedPageMember?[] Find(Step[] steps, int count)
    {
        var membership = new SharedPageMember?[count];
        var open = new List<SharedPageCheck>();
        var values = new IndexedValues();
        for (int i = 0; i < count; i++)
        {
            Step step = steps[i];
            Semantic? semantic = step.Semantic;
            int destination = semantic is { DestinationShift: >= 0 } ? semantic.DestinationOf(step.Instruction) : -1;
            if (semantic is null || semantic.MayRaise)
            {
                open.Clear();
                if (destination >= 0)
                {
                    values.Forget(destination);
                }

                continue;
            }

            if (semantic.LoadSize + semantic.StoreSize is int size and > 0)
            {
                membership[i] = Join(open, step.Instruction, size, semantic.StoreSize > 0, i, values);
            }

            if (destination >= 0)
            {
                bool stepsByConstant = step.Instruction.Name == InstructionName.Daddiu && step.Instruction.Rs == destination;
                foreach (SharedPageCheck group in open)
                {
                    group._stepped += stepsByConstant && group.BaseRegister == destination ? step.Instruction.Immediate : 0;
                }

                if (!stepsByConstant)
                {
                    open.RemoveAll(g => g.BaseRegister == destination);
                }

                values.Track(step.Instruction, destination);
            }
        }

        for (int i = 0; i < count; i++)
        {
            if (membership[i] is { Check.Accesses: < 2 })
            {
                membership[i] = null;
            }
        }

        return membership;
    }

    /// <summary>The access's group, opened by it if there is none yet; null if it cannot join the one there is.</summary>
    private static SharedPageMember? Join(List<SharedPageCheck> open, in DecodedInstruction access, int size, bool isStore, int step,
        IndexedValues values)
    {
        // An indexed access reaches GPR[table] + imm + [Lowest, Highest]; a plain one GPR[base] + imm.
        TableEntry? table = values.TableOf(access.Base, size);
        int baseRegister = table?.Table ?? access.Base;
        long lowest = access.Immediate + (table?.Index.Lowest ?? 0);
        long highest = access.Immediate + (table?.Index.Highest ?? 0);
        SharedPageCheck? group = open.Find(g => g.BaseRegister == baseRegister && g.Size == size && g.IsStore == isStore);
        if (group is null)
        {
            group = new SharedPageCheck(baseRegister, size, isStore, lowest, step);
            if (!group.TryAdd(lowest, highest, counts: false))
            {
                return null;
            }

            open.Add(group);
        }
        else if (!group.TryAdd(group._stepped + lowest, group._stepped + highest, counts: true))
        {
            return null;
        }

        return new SharedPageMember(group, group._stepped + access.Immediate, Indexed: table is not null);
    }

    /// <summary>
    /// Takes in accesses from <paramref name="lowest"/> to <paramref name="highest"/> (one, counted if
    /// <paramref name="counts"/>) if that keeps every access naturally aligned once the lowest is (offsets differ by
    /// multiples of the size) and the range within a page.
    /// </summary>
    private bool TryAdd(long lowest, long highest, bool counts)
    {
        long low = Math.Min(LowestOffset, lowest);
        long high = Math.Max(HighestOffset, highest);
        if ((lowest - LowestOffset) % Size != 0 || (highest - lowest) % Size != 0 || high - low + Size > (long)GuestMemory.PageSize)
        {
            return false;
        }

        LowestOffset = low;
        HighestOffset = high;
        Accesses += counts ? 1 : 0;
        return true;
    }

    /// <summary>
    /// What a straight run of steps tells about register values: an index of known bounds (a byte or halfword loaded,
    /// a value masked, then maybe scaled) and a table register plus such an index.
    /// </summary>
    private sealed class IndexedValues
    {
        private readonly Bounds?[] _indexes = new Bounds?[32];
        private readonly TableEntry?[] _entries = new TableEntry?[32];

        /// <summary>The table <paramref name="register"/> points into, if every entry it may point at is aligned for <paramref name="size"/>.</summary>
        public TableEntry? TableOf(int register, int size) =>
            _entries[register] is { } entry && entry.Index.Step % size == 0 && entry.Index.Lowest % size == 0 ? entry : null;

        /// <summary>The facts after <paramref name="instruction"/> wrote <paramref name="destination"/>.</summary>
        public void Track(in DecodedInstruction instruction, int destination)
        {
            Bounds? index = instruction.Name switch
            {
                InstructionName.Lbu => new Bounds(0, byte.MaxValue, 1),
                InstructionName.Lhu => new Bounds(0, ushort.MaxValue, 1),
                InstructionName.Andi => new Bounds(0, instruction.UnsignedImmediate, 1),
                InstructionName.Dsll when _indexes[instruction.Rt] is { } scaled =>
                    new Bounds(scaled.Lowest << instruction.Sa, scaled.Highest << instruction.Sa, scaled.Step << instruction.Sa),
                _ => null,
            };
            TableEntry? entry = instruction.Name == InstructionName.Daddu ? Entry(instruction.Rs, instruction.Rt) ?? Entry(instruction.Rt, instruction.Rs) : null;
            Forget(destination);
            _indexes[destination] = destination == 0 ? null : index;
            _entries[destination] = destination == 0 ? null : entry;
        }

        private TableEntry? Entry(int table, int index) =>
            table != 0 && table != index && _indexes[table] is null && _indexes[index] is { } bounds ? new TableEntry(table, bounds) : null;

        /// <summary>What was known of <paramref name="register"/>, and of values computed from it, no longer holds.</summary>
        public void Forget(int register)
        {
            _indexes[register] = null;
            _entries[register] = null;
            for (int r = 0; r < 32; r++)
            {
                _entries[r] = _entries[r]?.Table == register ? null : _entries[r];
            }
        }
    }

    /// <summary>A value in [<paramref name="Lowest"/>, <paramref name="Highest"/>], a multiple of <paramref name="Step"/>.</summary>
    private sealed record Bounds(long Lowest, long Highest, long Step);

    /// <summary>A register's value: GPR[<paramref name="Table"/>] plus an index within <paramref name="Index"/>.</summary>
    private sealed record TableEntry(int Table, Bounds Index);
}

/// <summary>
/// An access served by <paramref name="Check"/>, at <paramref name="Offset"/> from the check's base register's value at the
/// check; if <paramref name="Indexed"/>, plus what its own base register holds beyond the check's (an index).
/// </summary>
public readonly record struct SharedPageMember(SharedPageCheck Check, long Offset, bool Indexed = false);
