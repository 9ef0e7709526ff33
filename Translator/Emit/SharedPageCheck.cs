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
/// the offsets after it counted from the register's value at the check.
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
        for (int i = 0; i < count; i++)
        {
            Step step = steps[i];
            Semantic? semantic = step.Semantic;
            if (semantic is null || semantic.MayRaise)
            {
                open.Clear();
                continue;
            }

            if (semantic.LoadSize + semantic.StoreSize is int size and > 0)
            {
                bool isStore = semantic.StoreSize > 0;
                int baseRegister = step.Instruction.Base;
                SharedPageCheck? group = open.Find(g => g.BaseRegister == baseRegister && g.Size == size && g.IsStore == isStore);
                if (group is null)
                {
                    group = new SharedPageCheck(baseRegister, size, isStore, step.Instruction.Immediate, i);
                    open.Add(group);
                    membership[i] = new SharedPageMember(group, step.Instruction.Immediate);
                }
                else if (group._stepped + step.Instruction.Immediate is long offset && group.TryAdd(offset))
                {
                    membership[i] = new SharedPageMember(group, offset);
                }
            }

            if (semantic.DestinationShift >= 0)
            {
                int destination = (int)(step.Instruction.Word >> semantic.DestinationShift) & 0x1F;
                bool stepsByConstant = step.Instruction.Name == InstructionName.Daddiu && step.Instruction.Rs == destination;
                foreach (SharedPageCheck group in open)
                {
                    group._stepped += stepsByConstant && group.BaseRegister == destination ? step.Instruction.Immediate : 0;
                }

                if (!stepsByConstant)
                {
                    open.RemoveAll(g => g.BaseRegister == destination);
                }
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

    /// <summary>
    /// Joins an access at <paramref name="offset"/> if it keeps every access naturally aligned once the lowest is
    /// (offsets differ by multiples of the size) and the range within a page.
    /// </summary>
    private bool TryAdd(long offset)
    {
        long lowest = Math.Min(LowestOffset, offset);
        long highest = Math.Max(HighestOffset, offset);
        if ((offset - LowestOffset) % Size != 0 || highest - lowest + Size > (long)GuestMemory.PageSize)
        {
            return false;
        }

        LowestOffset = lowest;
        HighestOffset = highest;
        Accesses++;
        return true;
    }
}

/// <summary>An access served by <paramref name="Check"/>, at <paramref name="Offset"/> from its base register's value at the check.</summary>
public readonly record struct SharedPageMember(SharedPageCheck Check, long Offset);
