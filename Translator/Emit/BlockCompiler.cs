using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;
using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Translator.Decoding;
using LoongsonDbt.Translator.Execution;
using LoongsonDbt.Translator.Semantics;

namespace LoongsonDbt.Translator.Emit;

/// <summary>
/// Compiles a block to IL: guest registers live in IL locals (loaded at entry, stored at the exit,
/// DBT-NOTES C.4), each instruction is a call to its semantic function that RyuJIT inlines, a fault
/// leaves through a status exit with the PC as a constant (C.8), and a branch back to the block's own
/// start stays inside the method as a loop. The same emitter writes into a DynamicMethod or, for
/// the IL dump, into a MethodBuilder.
/// </summary>
public static unsafe class BlockCompiler
{
    private static readonly MethodInfo s_raiseAt = typeof(CompiledCodeHelpers).GetMethod(nameof(CompiledCodeHelpers.RaiseAt))!;
    private static readonly int s_exceptionOffset = (int)Marshal.OffsetOf<CpuState>(nameof(CpuState.Exception));
    private static readonly int s_hiOffset = (int)Marshal.OffsetOf<CpuState>(nameof(CpuState.Hi));
    private static readonly int s_loOffset = (int)Marshal.OffsetOf<CpuState>(nameof(CpuState.Lo));

    public static string MethodName(Block block) => $"Block_{block.Address:x16}";

    public static BlockFunction Compile(Block block)
    {
        var method = new DynamicMethod(MethodName(block), typeof(ulong), [typeof(CpuState*)], typeof(BlockCompiler).Module, skipVisibility: true);
        Emit(block, method.GetILGenerator(block.Steps.Length * 64));
        return method.CreateDelegate<BlockFunction>();
    }

    /// <summary>Emits the body of <c>ulong Block(CpuState* state)</c> for <paramref name="block"/>.</summary>
    public static void Emit(Block block, ILGenerator il) => new Emitter(block, il).EmitBlock();

    private sealed class Emitter
    {
        private readonly Block _block;
        private readonly ILGenerator _il;
        private readonly LocalBuilder?[] _registers = new LocalBuilder?[32];
        private readonly bool[] _written = new bool[32];
        private readonly LocalBuilder _nextPc;
        private readonly Label _exit;
        private readonly Label _loopHead;

        public Emitter(Block block, ILGenerator il)
        {
            _block = block;
            _il = il;
            _nextPc = il.DeclareLocal(typeof(ulong));
            _exit = il.DefineLabel();
            _loopHead = il.DefineLabel();
        }

        public void EmitBlock()
        {
            CollectRegisters();
            for (int r = 1; r < 32; r++)
            {
                if (_registers[r] is { } local)
                {
                    LoadStateGpr(r);
                    _il.Emit(OpCodes.Stloc, local);
                }
            }

            _il.MarkLabel(_loopHead);
            Step[] steps = _block.Steps;
            bool ended = false;
            for (int i = 0; i < steps.Length && !ended; i++)
            {
                if ((steps[i].Instruction.Flags & InstructionFlags.DelaySlot) != 0)
                {
                    EmitBranch(steps[i], i + 1 < steps.Length ? steps[i + 1] : null);
                    ended = true;
                }
                else
                {
                    EmitInstruction(steps[i], inDelaySlot: false);
                }
            }

            if (!ended)
            {
                ExitTo(_block.End);
            }

            _il.MarkLabel(_exit);
            for (int r = 1; r < 32; r++)
            {
                if (_written[r])
                {
                    _il.Emit(OpCodes.Ldarg_0);
                    _il.Emit(OpCodes.Ldc_I4, CpuState.GprOffset(r));
                    _il.Emit(OpCodes.Add);
                    _il.Emit(OpCodes.Ldloc, _registers[r]!);
                    _il.Emit(OpCodes.Stind_I8);
                }
            }

            _il.Emit(OpCodes.Ldloc, _nextPc);
            _il.Emit(OpCodes.Ret);
        }

        private void CollectRegisters()
        {
            foreach (Step step in _block.Steps)
            {
                DecodedInstruction instruction = step.Instruction;
                if (step.Semantic is { } semantic)
                {
                    foreach (OperandSource source in semantic.Operands)
                    {
                        Use(source switch
                        {
                            OperandSource.Rs or OperandSource.Address => instruction.Rs,
                            OperandSource.Rt => instruction.Rt,
                            OperandSource.Rd => instruction.Rd,
                            _ => 0,
                        }, write: false);
                    }

                    if (semantic.DestinationShift >= 0)
                    {
                        Use((int)(instruction.Word >> semantic.DestinationShift) & 0x1F, write: true);
                    }
                }

                switch (instruction.Name)
                {
                    case InstructionName.Jr or InstructionName.Jr_Hb:
                        Use(instruction.Rs, write: false);
                        break;
                    case InstructionName.Jalr or InstructionName.Jalr_Hb:
                        Use(instruction.Rs, write: false);
                        Use(instruction.Rd, write: true);
                        break;
                }

                if ((instruction.Flags & InstructionFlags.WritesRa) != 0)
                {
                    Use(31, write: true);
                }
            }
        }

        private void Use(int register, bool write)
        {
            if (register == 0)
            {
                return;
            }

            _registers[register] ??= _il.DeclareLocal(typeof(ulong));
            _written[register] |= write;
        }

        private void EmitInstruction(in Step step, bool inDelaySlot)
        {
            Semantic? semantic = step.Semantic;
            if (semantic is null || semantic.Result == ResultKind.Condition)
            {
                // Not available to this guest (privileged, JALX, or a branch in a delay slot).
                EmitRaise(step, inDelaySlot, GuestException.ReservedInstruction);
                return;
            }

            LocalBuilder? result = EmitCall(step, semantic);
            if (semantic.MayRaise)
            {
                Label ok = _il.DefineLabel();
                _il.Emit(OpCodes.Ldarg_0);
                _il.Emit(OpCodes.Ldc_I4, s_exceptionOffset);
                _il.Emit(OpCodes.Add);
                _il.Emit(OpCodes.Ldind_I4);
                _il.Emit(OpCodes.Ldc_I4, (int)GuestException.None);
                _il.Emit(OpCodes.Beq, ok);
                EmitFaultExit(step, inDelaySlot);
                _il.MarkLabel(ok);
            }

            if (result is null)
            {
                return;
            }

            if (semantic.Result == ResultKind.HiLo)
            {
                StoreHiLo(result);
                return;
            }

            int destination = (int)(step.Instruction.Word >> semantic.DestinationShift) & 0x1F;
            if (destination != 0)
            {
                _il.Emit(OpCodes.Ldloc, result);
                _il.Emit(OpCodes.Stloc, _registers[destination]!);
            }
        }

        /// <summary>Pushes the operands, calls the semantic function and keeps its result in a temporary.</summary>
        private LocalBuilder? EmitCall(in Step step, Semantic semantic)
        {
            DecodedInstruction instruction = step.Instruction;
            foreach (OperandSource source in semantic.Operands)
            {
                switch (source)
                {
                    case OperandSource.State: _il.Emit(OpCodes.Ldarg_0); break;
                    case OperandSource.Rs: LoadGpr(instruction.Rs); break;
                    case OperandSource.Rt: LoadGpr(instruction.Rt); break;
                    case OperandSource.Rd: LoadGpr(instruction.Rd); break;
                    case OperandSource.Sa: _il.Emit(OpCodes.Ldc_I8, (long)instruction.Sa); break;
                    case OperandSource.Immediate: _il.Emit(OpCodes.Ldc_I8, (long)instruction.UnsignedImmediate); break;
                    case OperandSource.Word: _il.Emit(OpCodes.Ldc_I8, (long)instruction.Word); break;
                    case OperandSource.Address:
                        LoadGpr(instruction.Base);
                        if (instruction.Immediate != 0)
                        {
                            _il.Emit(OpCodes.Ldc_I8, (long)instruction.Immediate);
                            _il.Emit(OpCodes.Add);
                        }

                        break;
                    case OperandSource.Hi: LoadStateField(s_hiOffset); break;
                    case OperandSource.Lo: LoadStateField(s_loOffset); break;
                }
            }

            _il.Emit(OpCodes.Call, semantic.Method);
            if (semantic.Method.ReturnType == typeof(void))
            {
                return null;
            }

            LocalBuilder temporary = _il.DeclareLocal(semantic.Method.ReturnType);
            _il.Emit(OpCodes.Stloc, temporary);
            return temporary;
        }

        private void EmitBranch(in Step branch, Step? delaySlot)
        {
            DecodedInstruction instruction = branch.Instruction;
            ulong pc = branch.Pc;
            LocalBuilder? taken = null;
            LocalBuilder? registerTarget = null;
            switch (instruction.Name)
            {
                case InstructionName.J:
                case InstructionName.Jal:
                    break;
                case InstructionName.Jr:
                case InstructionName.Jr_Hb:
                case InstructionName.Jalr:
                case InstructionName.Jalr_Hb:
                    registerTarget = _il.DeclareLocal(typeof(ulong));
                    LoadGpr(instruction.Rs);
                    _il.Emit(OpCodes.Stloc, registerTarget);
                    break;
                default:
                    if (branch.Semantic is not { Result: ResultKind.Condition } semantic)
                    {
                        EmitRaise(branch, inDelaySlot: false, GuestException.ReservedInstruction);
                        return;
                    }

                    taken = EmitCall(branch, semantic);
                    break;
            }

            EmitLink(instruction, pc);
            Label skipDelaySlot = _il.DefineLabel();
            if (taken is not null && (instruction.Flags & InstructionFlags.Likely) != 0)
            {
                _il.Emit(OpCodes.Ldloc, taken);
                _il.Emit(OpCodes.Brfalse, skipDelaySlot);
            }

            if (delaySlot is { } slot)
            {
                EmitInstruction(slot, inDelaySlot: true);
            }
            else
            {
                EmitRaise(new Step(pc + 4, default), inDelaySlot: true, GuestException.TlbLoad);
            }

            _il.MarkLabel(skipDelaySlot);
            if (registerTarget is not null)
            {
                _il.Emit(OpCodes.Ldloc, registerTarget);
                _il.Emit(OpCodes.Stloc, _nextPc);
                _il.Emit(OpCodes.Br, _exit);
                return;
            }

            ulong target = taken is null ? instruction.JumpTarget(pc) : instruction.BranchTarget(pc);
            if (taken is not null)
            {
                Label notTaken = _il.DefineLabel();
                _il.Emit(OpCodes.Ldloc, taken);
                _il.Emit(OpCodes.Brfalse, notTaken);
                ExitTo(target);
                _il.MarkLabel(notTaken);
                ExitTo(pc + 8);
            }
            else
            {
                ExitTo(target);
            }
        }

        private void EmitLink(in DecodedInstruction instruction, ulong pc)
        {
            int link = (instruction.Flags & InstructionFlags.WritesRa) != 0 ? 31
                : instruction.Name is InstructionName.Jalr or InstructionName.Jalr_Hb ? instruction.Rd
                : 0;
            if (link != 0)
            {
                _il.Emit(OpCodes.Ldc_I8, (long)(pc + 8));
                _il.Emit(OpCodes.Stloc, _registers[link]!);
            }
        }

        /// <summary>Leaves for a constant guest PC: a jump back to this block's start stays in the method.</summary>
        private void ExitTo(ulong pc)
        {
            if (pc == _block.Address)
            {
                _il.Emit(OpCodes.Br, _loopHead);
                return;
            }

            _il.Emit(OpCodes.Ldc_I8, (long)pc);
            _il.Emit(OpCodes.Stloc, _nextPc);
            _il.Emit(OpCodes.Br, _exit);
        }

        private void EmitRaise(in Step step, bool inDelaySlot, GuestException exception)
        {
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldc_I4, s_exceptionOffset);
            _il.Emit(OpCodes.Add);
            _il.Emit(OpCodes.Ldc_I4, (int)exception);
            _il.Emit(OpCodes.Stind_I4);
            EmitFaultExit(step, inDelaySlot);
        }

        /// <summary>Records EPC for the faulting instruction and leaves with the registers as they were before it.</summary>
        private void EmitFaultExit(in Step step, bool inDelaySlot)
        {
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldc_I8, (long)step.Pc);
            _il.Emit(OpCodes.Ldc_I4, inDelaySlot ? 1 : 0);
            _il.Emit(OpCodes.Ldc_I4, (int)step.Instruction.Word);
            _il.Emit(OpCodes.Call, s_raiseAt);
            _il.Emit(OpCodes.Ldc_I8, (long)(inDelaySlot ? step.Pc - 4 : step.Pc));
            _il.Emit(OpCodes.Stloc, _nextPc);
            _il.Emit(OpCodes.Br, _exit);
        }

        private void LoadGpr(int register)
        {
            if (register == 0)
            {
                _il.Emit(OpCodes.Ldc_I8, 0L);
            }
            else
            {
                _il.Emit(OpCodes.Ldloc, _registers[register]!);
            }
        }

        private void LoadStateGpr(int register)
        {
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldc_I4, CpuState.GprOffset(register));
            _il.Emit(OpCodes.Add);
            _il.Emit(OpCodes.Ldind_I8);
        }

        private void LoadStateField(int offset)
        {
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldc_I4, offset);
            _il.Emit(OpCodes.Add);
            _il.Emit(OpCodes.Ldind_I8);
        }

        private void StoreHiLo(LocalBuilder hiLo)
        {
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldc_I4, s_hiOffset);
            _il.Emit(OpCodes.Add);
            _il.Emit(OpCodes.Ldloca, hiLo);
            _il.Emit(OpCodes.Call, typeof(HiLo).GetProperty(nameof(HiLo.Hi))!.GetMethod!);
            _il.Emit(OpCodes.Stind_I8);
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldc_I4, s_loOffset);
            _il.Emit(OpCodes.Add);
            _il.Emit(OpCodes.Ldloca, hiLo);
            _il.Emit(OpCodes.Call, typeof(HiLo).GetProperty(nameof(HiLo.Lo))!.GetMethod!);
            _il.Emit(OpCodes.Stind_I8);
        }
    }
}
