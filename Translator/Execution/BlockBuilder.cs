using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.Translator.Decoding;
using LoongsonDbt.Translator.Semantics;

namespace LoongsonDbt.Translator.Execution;

/// <summary>Forms blocks from guest memory: the delay slot always stays with its branch (DBT-NOTES C.2).</summary>
public sealed class BlockBuilder
{
    /// <summary>Keeps a block's IL well below RyuJIT's MinOpts limits and its JIT time short (DBT-NOTES B.1).</summary>
    public const int MaxInstructions = 200;

    private readonly IGuestMemory _memory;
    private readonly Decoder _decoder;

    /// <summary>
    /// The block being formed (its last instruction may bring a delay slot). An array, not a List: a List of this
    /// struct is generic code ReadyToRun cannot precompile. One builder serves one engine, on its thread.
    /// </summary>
    private readonly Step[] _steps = new Step[MaxInstructions + 1];

    public BlockBuilder(IGuestMemory memory, Decoder decoder)
    {
        _memory = memory;
        _decoder = decoder;
    }

    /// <summary>The block at <paramref name="address"/>, or null when its first word cannot be fetched.</summary>
    public Block? Build(ulong address)
    {
        int count = 0;
        ulong pc = address;
        while (_memory.TryFetch(pc, out uint word))
        {
            DecodedInstruction instruction = _decoder.Decode(word);
            _steps[count++] = new Step(pc, instruction);
            pc += 4;
            if (instruction.HasDelaySlot)
            {
                // The delay slot belongs to the branch even across a page; unfetchable, the branch ends alone
                // and the fetch fault is raised when control gets there.
                if (_memory.TryFetch(pc, out uint slot))
                {
                    _steps[count++] = new Step(pc, _decoder.Decode(slot));
                }

                break;
            }

            // A block goes on into the next page only where both pages keep their mapping (a process's, a kernel's
            // unmapped segments): elsewhere the next page may map to other code by the time the block runs again.
            // Cut there, a loop such as md5's second round was two blocks, with a page check apiece.
            bool pageEnd = (pc & ~GuestMemory.PageMask) == 0 && !(_memory.HasFixedMapping(pc - 4) && _memory.HasFixedMapping(pc));
            if (EndsBlock(instruction) || pageEnd || count >= MaxInstructions)
            {
                break;
            }
        }

        if (count == 0)
        {
            return null;
        }

        var steps = new Step[count];
        Array.Copy(_steps, steps, count);
        ulong first = _memory.CodePageOf(address);
        ulong last = _memory.CodePageOf(steps[^1].Pc);
        return new Block(address, steps, last == first ? [first] : [first, last]);
    }

    /// <summary>
    /// After a syscall, a trap or anything else that changes what the next instruction means, and after
    /// an instruction this engine cannot run (it raises Reserved Instruction).
    /// </summary>
    private static bool EndsBlock(in DecodedInstruction instruction) =>
        (instruction.Flags & (InstructionFlags.EndsBlock | InstructionFlags.UnconditionalJump)) != 0
        || SemanticsTable.Get(instruction.Name) is null;
}
