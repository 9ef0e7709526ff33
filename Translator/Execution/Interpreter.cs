using System.Runtime.CompilerServices;
using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.Translator.Decoding;
using LoongsonDbt.Translator.Semantics;

namespace LoongsonDbt.Translator.Execution;

/// <summary>
/// The cold tier: runs a pre-decoded block step by step through the semantic functions. It is also
/// the reference the compiled tier must agree with.
/// </summary>
[SkipLocalsInit] // the operand buffer is filled before it is read; zeroing it costs every step
public static unsafe class Interpreter
{
    /// <summary>Runs <paramref name="block"/>; returns the next PC, or the faulting PC with the exception recorded.</summary>
    public static ulong Run(CpuState* state, Block block)
    {
        Step[] steps = block.Steps;
        for (int i = 0; i < steps.Length; i++)
        {
            ref readonly Step step = ref steps[i];
            InstructionFlags flags = step.Flags;
            if ((flags & InstructionFlags.DelaySlot) != 0)
            {
                return RunBranch(state, in step, i + 1 < steps.Length ? steps[i + 1] : (Step?)null);
            }

            if (!Execute(state, in step, inDelaySlot: false))
            {
                return step.Pc;
            }

            if ((flags & InstructionFlags.UnconditionalJump) != 0)
            {
                // ERET/DERET: not available to user code; Execute raised for them.
                return step.Pc;
            }
        }

        return block.End;
    }

    /// <summary>Executes one non-branch instruction; false when it raised an exception (recorded, precise).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Execute(CpuState* state, in Step step, bool inDelaySlot)
    {
        Semantic? semantic = step.Semantic;
        if (semantic is not { IsSimpleGpr: true } || (step.Flags & (InstructionFlags.DelaySlot | InstructionFlags.NeedsFpu)) != 0)
        {
            return ExecuteOther(state, in step, inDelaySlot);
        }

        // Most instructions: a direct call, without the operand buffer and the arity switch; only a load can fault.
        // Kept apart from the other kinds so that this path's frame stays small: it runs for nearly every step.
        DecodedInstruction instruction = step.Instruction;
        OperandSource[] operands = semantic.Operands;
        nint function = semantic.FunctionPointer;
        ulong result = operands.Length switch
        {
            1 => ((delegate*<ulong, ulong>)function)(Operand(state, instruction, operands[0])),
            2 => ((delegate*<ulong, ulong, ulong>)function)(Operand(state, instruction, operands[0]), Operand(state, instruction, operands[1])),
            _ => ((delegate*<ulong, ulong, ulong, ulong>)function)(
                Operand(state, instruction, operands[0]), Operand(state, instruction, operands[1]), Operand(state, instruction, operands[2])),
        };
        if (semantic.LoadSize > 0 && state->Exception != GuestException.None)
        {
            return Fault(state, in step, inDelaySlot);
        }

        int target = semantic.DestinationOf(instruction);
        if (target != 0)
        {
            state->Gpr[target] = result;
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool ExecuteOther(CpuState* state, in Step step, bool inDelaySlot)
    {
        Semantic? semantic = step.Semantic;
        if (semantic is null || (step.Flags & InstructionFlags.DelaySlot) != 0)
        {
            // No semantics here (privileged, or a branch in a delay slot): Reserved Instruction.
            state->Exception = GuestException.ReservedInstruction;
            return Fault(state, in step, inDelaySlot);
        }

        if (FpuUnusable(state, step.Flags))
        {
            return Fault(state, in step, inDelaySlot);
        }

        DecodedInstruction instruction = step.Instruction;
        OperandSource[] operands = semantic.Operands;
        ulong* arguments = stackalloc ulong[SemanticCall.MaxOperands];
        for (int i = 0; i < operands.Length; i++)
        {
            arguments[i] = Operand(state, instruction, operands[i]);
        }

        switch (semantic.Result)
        {
            case ResultKind.Gpr:
                ulong value = SemanticCall.CallGpr(semantic.FunctionPointer, operands.Length, arguments);
                int destination = semantic.DestinationOf(instruction);
                if (destination != 0 && state->Exception == GuestException.None)
                {
                    state->Gpr[destination] = value;
                }

                break;
            case ResultKind.Store:
                ulong stored = SemanticCall.CallGpr(semantic.FunctionPointer, operands.Length, arguments);
                GuestMemory.Store(state, EffectiveAddress(state, instruction), semantic.StoreSize, stored);
                break;
            case ResultKind.HiLo:
                HiLo hiLo = SemanticCall.CallHiLo(semantic.FunctionPointer, operands.Length, arguments);
                state->Hi = hiLo.Hi;
                state->Lo = hiLo.Lo;
                break;
            default:
                SemanticCall.CallVoid(semantic.FunctionPointer, operands.Length, arguments);
                break;
        }

        return state->Exception == GuestException.None || Fault(state, in step, inDelaySlot);
    }

    private static ulong RunBranch(CpuState* state, in Step branch, Step? delaySlot)
    {
        DecodedInstruction instruction = branch.Instruction;
        ulong pc = branch.Pc;
        bool taken;
        ulong target;
        switch (instruction.Name)
        {
            case InstructionName.J:
            case InstructionName.Jal:
                taken = true;
                target = instruction.JumpTarget(pc);
                break;
            case InstructionName.Jr:
            case InstructionName.Jr_Hb:
            case InstructionName.Jalr:
            case InstructionName.Jalr_Hb:
                taken = true;
                target = state->Gpr[instruction.Rs];
                break;
            default:
                Semantic? semantic = branch.Semantic;
                if (semantic is null || semantic.Result != ResultKind.Condition)
                {
                    state->Exception = GuestException.ReservedInstruction; // JALX: no MIPS16 here
                    Fault(state, in branch, inDelaySlot: false);
                    return pc;
                }

                if (FpuUnusable(state, branch.Flags))
                {
                    Fault(state, in branch, inDelaySlot: false);
                    return pc;
                }

                ulong* arguments = stackalloc ulong[SemanticCall.MaxOperands];
                for (int i = 0; i < semantic.Operands.Length; i++)
                {
                    arguments[i] = Operand(state, instruction, semantic.Operands[i]);
                }

                taken = SemanticCall.CallCondition(semantic.FunctionPointer, semantic.Operands.Length, arguments);
                target = instruction.BranchTarget(pc);
                break;
        }

        WriteLink(state, instruction, pc);
        bool annulled = !taken && (instruction.Flags & InstructionFlags.Likely) != 0;
        if (delaySlot is { } slot && !annulled && !Execute(state, in slot, inDelaySlot: true))
        {
            return pc;
        }

        if (delaySlot is null && !annulled)
        {
            RaiseDelaySlotFetchFault(state, pc);
            return pc;
        }

        return taken ? target : pc + 8;
    }

    /// <summary>
    /// The delay slot of the branch at <paramref name="branchPc"/> could not be fetched when its block was formed:
    /// the fetch's own exception (TLB miss or invalid, address error, bus error, with BadVAddr where the
    /// architecture sets it) is raised as the delay slot's, so EPC is the branch and Cause.BD is set
    /// (MIPS64 Volume III 6.2).
    /// </summary>
    public static void RaiseDelaySlotFetchFault(CpuState* state, ulong branchPc)
    {
        ulong slot = branchPc + 4;
        if (GuestMemory.Owner(state).TryTranslateFetch(state, slot, out _))
        {
            // Fetchable by now; the block that lacks the slot is never reused, so this only reports the old fault.
            state->Exception = GuestException.TlbLoad;
            state->BadVAddr = slot;
        }

        state->Raise(state->Exception, slot, inDelaySlot: true, 0);
    }

    /// <summary>The link write of jal, jalr, bgezal and friends: the return address after the delay slot.</summary>
    public static void WriteLink(CpuState* state, in DecodedInstruction instruction, ulong pc)
    {
        if ((instruction.Flags & InstructionFlags.WritesRa) != 0)
        {
            state->Gpr[31] = pc + 8;
        }
        else if (instruction.Name is InstructionName.Jalr or InstructionName.Jalr_Hb && instruction.Rd != 0)
        {
            state->Gpr[instruction.Rd] = pc + 8;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Operand(CpuState* state, in DecodedInstruction instruction, OperandSource source) => source switch
    {
        OperandSource.State => (ulong)state,
        OperandSource.Rs => state->Gpr[instruction.Rs],
        OperandSource.Rt => state->Gpr[instruction.Rt],
        OperandSource.Rd => state->Gpr[instruction.Rd],
        OperandSource.Sa => (ulong)instruction.Sa,
        OperandSource.Immediate => instruction.UnsignedImmediate,
        OperandSource.Word => instruction.Word,
        OperandSource.Address => EffectiveAddress(state, instruction),
        OperandSource.Hi => state->Hi,
        OperandSource.Lo => state->Lo,
        OperandSource.Loaded8 => GuestMemory.Load8(state, EffectiveAddress(state, instruction)),
        OperandSource.Loaded16 => GuestMemory.Load16(state, EffectiveAddress(state, instruction)),
        OperandSource.Loaded32 => GuestMemory.Load32(state, EffectiveAddress(state, instruction)),
        _ => GuestMemory.Load64(state, EffectiveAddress(state, instruction)),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EffectiveAddress(CpuState* state, in DecodedInstruction instruction) =>
        state->Gpr[instruction.Base] + (ulong)(long)instruction.Immediate;

    /// <summary>An FPU instruction with Status.CU1 clear (always set for user-mode programs) raises Coprocessor Unusable.</summary>
    private static bool FpuUnusable(CpuState* state, InstructionFlags flags)
    {
        if ((flags & InstructionFlags.NeedsFpu) == 0 || state->FpuUsable != 0)
        {
            return false;
        }

        state->RaiseCoprocessorUnusable(1);
        return true;
    }

    private static bool Fault(CpuState* state, in Step step, bool inDelaySlot)
    {
        state->Raise(state->Exception, step.Pc, inDelaySlot, step.Instruction.Word);
        return false;
    }
}
