using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;
using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.Translator.Decoding;
using LoongsonDbt.Translator.Execution;
using LoongsonDbt.Translator.Semantics;

namespace LoongsonDbt.Translator.Emit;

/// <summary>
/// Compiles a region — a hot block and the blocks it reaches that ran before — to one IL method:
/// guest registers live in IL locals (loaded at entry, stored at the exit, DBT-NOTES C.4) and 32-bit results in
/// 32-bit locals until the block ends or leaves (no sign extension between two word operations), each
/// instruction is a call to its semantic function that RyuJIT inlines, with the loads and stores
/// themselves emitted here (the software-TLB hit inline, a run of accesses through one base sharing
/// one check, anything else left to the interpreter), a branch to a block of the region is an IL branch
/// (a loop stays inside the method), and a fault leaves through a status exit with the PC as a
/// constant (C.8). The same emitter writes into a DynamicMethod or, for the IL dump, into a MethodBuilder.
/// </summary>
public static unsafe class BlockCompiler
{
    private static readonly MethodInfo s_raiseAt = typeof(CompiledCodeHelpers).GetMethod(nameof(CompiledCodeHelpers.RaiseAt))!;
    private static readonly MethodInfo s_storeHiLo = typeof(CompiledCodeHelpers).GetMethod(nameof(CompiledCodeHelpers.StoreHiLo))!;
    private static readonly MethodInfo s_jumpSlot = typeof(ChainLinks).GetMethod(nameof(ChainLinks.JumpSlot))!;
    private static readonly MethodInfo s_raiseDelaySlotFetchFault = typeof(Interpreter).GetMethod(nameof(Interpreter.RaiseDelaySlotFetchFault))!;
    private static readonly MethodInfo s_fpuUnusable = typeof(CompiledCodeHelpers).GetMethod(nameof(CompiledCodeHelpers.FpuUnusable))!;
    private static readonly int s_fpuUsableOffset = (int)Marshal.OffsetOf(typeof(CpuState), nameof(CpuState.FpuUsable));
    private static readonly int s_exceptionOffset = (int)Marshal.OffsetOf(typeof(CpuState), nameof(CpuState.Exception));
    private static readonly int s_hiOffset = (int)Marshal.OffsetOf(typeof(CpuState), nameof(CpuState.Hi));
    private static readonly int s_loOffset = (int)Marshal.OffsetOf(typeof(CpuState), nameof(CpuState.Lo));

    public static string MethodName(Block entry) => $"Block_{entry.Address:x16}";

    /// <summary>
    /// Compiles <paramref name="region"/> (its first block is the entry); with <paramref name="links"/>, exits to
    /// constant addresses outside the region tail-call the code there once it is compiled.
    /// </summary>
    public static DynamicMethod Compile(IReadOnlyList<Block> region, ChainLinks? links, bool fullSystem = false)
    {
        var method = new DynamicMethod(MethodName(region[0]), typeof(ulong), [typeof(CpuState*)], typeof(BlockCompiler).Module, skipVisibility: true);
        Emit(region, method.GetILGenerator(RegionBuilder.InstructionCount(region) * 64), links, fullSystem);
        return method;
    }

    /// <summary>
    /// Emits the body of <c>ulong Block(CpuState* state)</c> for <paramref name="region"/>; for a
    /// <paramref name="fullSystem"/> guest with the budget and FPU-enable checks and the link rules it needs.
    /// </summary>
    public static void Emit(IReadOnlyList<Block> region, ILGenerator il, ChainLinks? links, bool fullSystem = false) =>
        new Emitter(region, il, links, fullSystem).EmitRegion();

    /// <summary>An access that shares its <see cref="Member"/>'s check, whose host address <see cref="Host"/> holds (0 when it failed).</summary>
    private readonly record struct SharedAccess(SharedPageMember Member, LocalBuilder Host);

    private sealed class Emitter
    {
        private readonly IReadOnlyList<Block> _region;
        private readonly Label[] _blockLabels;
        private readonly Dictionary<Type, LocalBuilder> _temporaries = [];
        private LocalBuilder? _jumpTarget;
        private LocalBuilder? _accessAddress;
        private LocalBuilder? _loadedValue;
        private readonly Dictionary<SharedPageCheck, LocalBuilder> _sharedPageHosts = [];
        private readonly List<LocalBuilder> _sharedPageHostLocals = [];
        private readonly ILGenerator _il;
        private readonly SoftTlbProbe _tlb;
        private readonly LocalBuilder?[] _registers = new LocalBuilder?[32];
        private readonly bool[] _written = new bool[32];

        // A register whose value is the sign extension of its word local (SignExtendedWordAttribute) in the code being
        // emitted: its 64-bit local is stale until the block's end or an exit, and its 32-bit uses skip the extension.
        private readonly LocalBuilder?[] _words = new LocalBuilder?[32];
        private readonly bool[] _inWord = new bool[32];
        private readonly LocalBuilder _nextPc;
        private readonly LocalBuilder _chainSlot;
        private readonly Label _exit;
        private readonly ChainLinks? _links;
        private readonly bool _fullSystem;
        private bool _registersInLocals;

        public Emitter(IReadOnlyList<Block> region, ILGenerator il, ChainLinks? links, bool fullSystem)
        {
            _region = region;
            _il = il;
            _tlb = new SoftTlbProbe(il);
            _links = links;
            _fullSystem = fullSystem;
            _nextPc = il.DeclareLocal(typeof(ulong));
            _chainSlot = il.DeclareLocal(typeof(nint));
            _exit = il.DefineLabel();
            _blockLabels = new Label[region.Count];
            for (int i = 0; i < region.Count; i++)
            {
                _blockLabels[i] = il.DefineLabel();
            }
        }

        public void EmitRegion()
        {
            // Locals pay off when a loop reuses them; a straight run through the region would load every
            // register it touches at entry and store it at exit for a single use, so it works on the state.
            _registersInLocals = IsLoop();
            if (_registersInLocals)
            {
                foreach (Block block in _region)
                {
                    CollectRegisters(block);
                }
            }

            for (int r = 1; r < 32; r++)
            {
                if (_registers[r] is { } local)
                {
                    LoadStateGpr(r);
                    _il.Emit(OpCodes.Stloc, local);
                }
            }

            for (int i = 0; i < _region.Count; i++)
            {
                EmitBlock(i);
            }

            _il.MarkLabel(_exit);
            for (int r = 1; r < 32; r++)
            {
                if (_written[r])
                {
                    PushStateAddress(CpuState.GprOffset(r));
                    _il.Emit(OpCodes.Ldloc, _registers[r]!);
                    _il.Emit(OpCodes.Stind_I8);
                }
            }

            if (_links is not null)
            {
                EmitChain();
            }

            _il.Emit(OpCodes.Ldloc, _nextPc);
            _il.Emit(OpCodes.Ret);
        }

        /// <summary>With the state written back: if the exit's slot holds compiled code, tail-call it.</summary>
        private void EmitChain()
        {
            Label unlinked = _il.DefineLabel();
            _il.Emit(OpCodes.Ldloc, _chainSlot);
            _il.Emit(OpCodes.Brfalse, unlinked);
            _il.Emit(OpCodes.Ldloc, _chainSlot);
            _il.Emit(OpCodes.Ldind_I);
            _il.Emit(OpCodes.Stloc, _chainSlot);
            _il.Emit(OpCodes.Ldloc, _chainSlot);
            _il.Emit(OpCodes.Brfalse, unlinked);
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldloc, _chainSlot);
            _il.Emit(OpCodes.Tailcall);
            _il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, typeof(ulong), [typeof(CpuState*)], null);
            _il.Emit(OpCodes.Ret);
            _il.MarkLabel(unlinked);
        }

        /// <summary>
        /// The position of the block at <paramref name="address"/> in the region, or -1. A scan: regions are a few dozen
        /// blocks, and a dictionary keyed by address would be generic code JIT-compiled before the first compile.
        /// </summary>
        private int IndexInRegion(ulong address)
        {
            for (int i = 0; i < _region.Count; i++)
            {
                if (_region[i].Address == address)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Whether a block of the region continues at one of the region's blocks.</summary>
        private bool IsLoop()
        {
            foreach (Block block in _region)
            {
                if (RegionBuilder.ContinuesInto(block, _region))
                {
                    return true;
                }
            }

            return false;
        }

        private void EmitBlock(int index)
        {
            Block block = _region[index];
            _il.MarkLabel(_blockLabels[index]);
            Array.Clear(_inWord); // every way into a block writes its words back
            if (_fullSystem)
            {
                EmitBudgetCheck(block.Address);
            }

            Step[] steps = block.Steps;
            int branch = 0; // the branch with a delay slot, or the end
            while (branch < steps.Length && (steps[branch].Flags & InstructionFlags.DelaySlot) == 0)
            {
                branch++;
            }

            int tail = SharedTailStart(steps, branch);
            SharedPageMember?[] checks = SharedPageCheck.Find(steps, Math.Min(branch, tail));
            _sharedPageHosts.Clear();
            for (int i = 0; i < steps.Length; i++)
            {
                if (i == tail)
                {
                    ExitTo(steps[i].Pc);
                    return;
                }

                if (i == branch)
                {
                    EmitBranch(steps[i], i + 1 < steps.Length ? steps[i + 1] : null);
                    return;
                }

                EmitInstruction(steps[i], inDelaySlot: false, SharedAccessOf(checks[i], i));
            }

            ExitTo(block.End);
        }

        /// <summary>
        /// The first step after the start that another block of the region begins at, up to the branch (not its delay
        /// slot), or the steps' length. A block runs to its branch, so the block that falls into a loop holds the loop's
        /// body again: from there on it branches to that block instead (md5's regions compiled a third faster).
        /// </summary>
        private int SharedTailStart(Step[] steps, int branch)
        {
            for (int i = 1; i <= branch && i < steps.Length; i++)
            {
                if (IndexInRegion(steps[i].Pc) >= 0)
                {
                    return i;
                }
            }

            return steps.Length;
        }

        /// <summary>
        /// Leaves before <paramref name="address"/> when another thread asked the CPU to come back (an interrupt):
        /// every block start is checked, so neither a loop inside the region nor a chain of regions runs on.
        /// The read is volatile so that RyuJIT cannot hoist it out of a loop.
        /// </summary>
        private void EmitBudgetCheck(ulong address)
        {
            Label carryOn = _il.DefineLabel();
            PushStateAddress(CpuState.BudgetOffset);
            _il.Emit(OpCodes.Volatile);
            _il.Emit(OpCodes.Ldind_I8);
            _il.Emit(OpCodes.Ldc_I8, 0L);
            _il.Emit(OpCodes.Bge, carryOn);
            ExitTo(address, null);
            _il.MarkLabel(carryOn);
        }

        /// <summary>An FPU instruction with Status.CU1 clear raises Coprocessor Unusable (the kernel's lazy FPU switch).</summary>
        private void EmitFpuCheck(in Step step, bool inDelaySlot)
        {
            if (!_fullSystem || (step.Instruction.Flags & InstructionFlags.NeedsFpu) == 0)
            {
                return;
            }

            Label usable = _il.DefineLabel();
            PushStateAddress(s_fpuUsableOffset);
            _il.Emit(OpCodes.Ldind_I4);
            _il.Emit(OpCodes.Brtrue, usable);
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Call, s_fpuUnusable);
            EmitFaultExit(step, inDelaySlot);
            _il.MarkLabel(usable);
        }

        private void CollectRegisters(Block block)
        {
            foreach (Step step in block.Steps)
            {
                DecodedInstruction instruction = step.Instruction;
                if (step.Semantic is { } semantic)
                {
                    foreach (OperandSource source in semantic.Operands)
                    {
                        Use(source switch
                        {
                            OperandSource.Rs or OperandSource.Address or OperandSource.Loaded8 or OperandSource.Loaded16
                                or OperandSource.Loaded32 or OperandSource.Loaded64 => instruction.Rs,
                            OperandSource.Rt => instruction.Rt,
                            OperandSource.Rd => instruction.Rd,
                            _ => 0,
                        }, write: false);
                    }

                    if (semantic.Result == ResultKind.Store)
                    {
                        Use(instruction.Base, write: false);
                    }

                    if (semantic.DestinationShift >= 0)
                    {
                        Use(semantic.DestinationOf(instruction), write: true);
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

        /// <summary>
        /// The local holding the host address of <paramref name="member"/>'s check, made at the check's first access
        /// (<paramref name="stepIndex"/>); null for an access that makes its own check.
        /// </summary>
        private SharedAccess? SharedAccessOf(SharedPageMember? member, int stepIndex)
        {
            if (member is not { } shared)
            {
                return null;
            }

            SharedPageCheck check = shared.Check;

            if (check.FirstStep == stepIndex)
            {
                // One local per group of the block, reused by the next block: few locals keep RyuJIT's allocation good.
                if (_sharedPageHosts.Count == _sharedPageHostLocals.Count)
                {
                    _sharedPageHostLocals.Add(_il.DeclareLocal(typeof(nint)));
                }

                LocalBuilder host = _sharedPageHostLocals[_sharedPageHosts.Count];
                _sharedPageHosts[check] = host;
                LocalBuilder address = _accessAddress ??= _il.DeclareLocal(typeof(ulong));
                Label hit = _il.DefineLabel(), done = _il.DefineLabel();
                LoadGpr(check.BaseRegister);
                _il.Emit(OpCodes.Ldc_I8, check.LowestOffset);
                _il.Emit(OpCodes.Add);
                _il.Emit(OpCodes.Stloc, address);
                _tlb.EmitRangeCheck(address, check.Size, check.Span, check.IsStore, hit);
                _il.Emit(OpCodes.Ldc_I4_0);
                _il.Emit(OpCodes.Conv_U);
                _il.Emit(OpCodes.Stloc, host);
                _il.Emit(OpCodes.Br, done);
                _il.MarkLabel(hit);
                _tlb.EmitHostAddress(address);
                _il.Emit(OpCodes.Stloc, host);
                _il.MarkLabel(done);
            }

            return new SharedAccess(shared, _sharedPageHosts[check]);
        }

        private void EmitInstruction(in Step step, bool inDelaySlot, SharedAccess? shared = null)
        {
            Semantic? semantic = step.Semantic;
            if (semantic is null || semantic.Result == ResultKind.Condition)
            {
                // Not available to this guest (privileged, JALX, or a branch in a delay slot).
                EmitRaise(step, inDelaySlot, GuestException.ReservedInstruction);
                return;
            }

            EmitFpuCheck(step, inDelaySlot);
            LocalBuilder? result = EmitCall(step, semantic, inDelaySlot, shared);
            if (semantic.MayRaise)
            {
                Label ok = _il.DefineLabel();
                EmitFaultTest(step, inDelaySlot, ok);
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

            if (semantic.Result == ResultKind.Store)
            {
                EmitStore(step, semantic.StoreSize, result, inDelaySlot, shared);
                return;
            }

            int destination = semantic.DestinationOf(step.Instruction);
            if (destination != 0 && _registersInLocals && ResultIsWord(step.Instruction, semantic))
            {
                StoreWord(destination, result);
            }
            else if (destination != 0)
            {
                BeginStoreGpr(destination);
                _il.Emit(OpCodes.Ldloc, result);
                EndStoreGpr(destination);
            }
        }

        /// <summary>A result known to be a sign-extended word into the register's word local.</summary>
        private void StoreWord(int register, LocalBuilder result)
        {
            _il.Emit(OpCodes.Ldloc, result);
            _il.Emit(OpCodes.Conv_I4);
            _il.Emit(OpCodes.Stloc, _words[register] ??= _il.DeclareLocal(typeof(int)));
            _inWord[register] = true;
        }

        /// <summary>Whether the instruction's result is a sign-extended word, its operands read as they are before it.</summary>
        private bool ResultIsWord(in DecodedInstruction instruction, Semantic semantic)
        {
            if (semantic.WordResult != WordResult.FromWordOperands)
            {
                return semantic.WordResult == WordResult.Always;
            }

            foreach (OperandSource source in semantic.Operands)
            {
                int register = source switch
                {
                    OperandSource.Rs => instruction.Rs,
                    OperandSource.Rt => instruction.Rt,
                    OperandSource.Rd => instruction.Rd,
                    _ => 0,
                };
                if (register != 0 && !_inWord[register])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Before code that leaves the straight line being emitted (a branch, an exit): the registers held as words
        /// into their 64-bit locals. The state of the code that follows does not change.
        /// </summary>
        private void WriteBackWords()
        {
            for (int r = 1; r < 32; r++)
            {
                if (_inWord[r])
                {
                    _il.Emit(OpCodes.Ldloc, _words[r]!);
                    _il.Emit(OpCodes.Conv_I8);
                    _il.Emit(OpCodes.Stloc, _registers[r]!);
                }
            }
        }

        /// <summary>Writes the words back; the code that follows has every register in its 64-bit local.</summary>
        private void ForgetWords()
        {
            WriteBackWords();
            Array.Clear(_inWord);
        }

        /// <summary>Pushes the operands, calls the semantic function and keeps its result in a temporary.</summary>
        private LocalBuilder? EmitCall(in Step step, Semantic semantic, bool inDelaySlot, SharedAccess? shared = null)
        {
            DecodedInstruction instruction = step.Instruction;
            LocalBuilder? loaded = semantic.LoadSize > 0 ? EmitLoad(step, semantic.LoadSize, inDelaySlot, shared) : null;

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
                    case OperandSource.Address: PushEffectiveAddress(instruction); break;
                    case OperandSource.Hi: LoadStateField(s_hiOffset); break;
                    case OperandSource.Lo: LoadStateField(s_loOffset); break;
                    default: _il.Emit(OpCodes.Ldloc, loaded!); break;
                }
            }

            _il.Emit(OpCodes.Call, semantic.Method);
            if (semantic.Method.ReturnType == typeof(void))
            {
                return null;
            }

            // One temporary per type for the whole region: fewer IL locals leave RyuJIT more it can track in registers.
            if (!_temporaries.TryGetValue(semantic.Method.ReturnType, out LocalBuilder? temporary))
            {
                _temporaries[semantic.Method.ReturnType] = temporary = _il.DeclareLocal(semantic.Method.ReturnType);
            }

            _il.Emit(OpCodes.Stloc, temporary);
            return temporary;
        }

        /// <summary>Reads a load's value into a temporary (see <see cref="EmitAccess"/>).</summary>
        private LocalBuilder EmitLoad(in Step step, int size, bool inDelaySlot, SharedAccess? shared)
        {
            LocalBuilder value = _loadedValue ??= _il.DeclareLocal(typeof(ulong));
            EmitAccess(step, size, value, isStore: false, inDelaySlot, shared);
            return value;
        }

        private void EmitStore(in Step step, int size, LocalBuilder value, bool inDelaySlot, SharedAccess? shared) =>
            EmitAccess(step, size, value, isStore: true, inDelaySlot, shared);

        /// <summary>
        /// A load into <paramref name="value"/> or a store of it: through the group's shared check when it held, else the
        /// software-TLB hit inline; anything else leaves through <see cref="EmitSlowAccessExit"/>. Each fast path is a
        /// forward branch's target, the way round RyuJIT lays out with the target falling through (the other way
        /// round made awk's loop 6% slower).
        /// </summary>
        private void EmitAccess(in Step step, int size, LocalBuilder value, bool isStore, bool inDelaySlot, SharedAccess? shared)
        {
            Label done = _il.DefineLabel(), sharedHit = _il.DefineLabel();
            if (shared is { } group)
            {
                _il.Emit(OpCodes.Ldloc, group.Host);
                _il.Emit(OpCodes.Brtrue, sharedHit);
            }

            LocalBuilder address = _accessAddress ??= _il.DeclareLocal(typeof(ulong));
            Label hit = _il.DefineLabel();
            PushEffectiveAddress(step.Instruction);
            _il.Emit(OpCodes.Stloc, address);
            _tlb.EmitRangeCheck(address, size, size, isStore, hit);
            EmitSlowAccessExit(step, inDelaySlot);
            _il.MarkLabel(hit);
            _tlb.EmitHostAddress(address);
            _tlb.EmitAccess(size, value, isStore);

            if (shared is { } sharing)
            {
                _il.Emit(OpCodes.Br, done);
                _il.MarkLabel(sharedHit);
                _il.Emit(OpCodes.Ldloc, sharing.Host);
                _il.Emit(OpCodes.Ldc_I4, (int)(sharing.Member.Offset - sharing.Member.Check.LowestOffset));
                _il.Emit(OpCodes.Add);
                if (sharing.Member.Indexed)
                {
                    // Its base register is the check's plus an index.
                    LoadGpr(step.Instruction.Base);
                    LoadGpr(sharing.Member.Check.BaseRegister);
                    _il.Emit(OpCodes.Sub);
                    _il.Emit(OpCodes.Conv_U);
                    _il.Emit(OpCodes.Add);
                }

                _tlb.EmitAccess(size, value, isStore);
            }

            _il.MarkLabel(done);
        }

        /// <summary>After something that may have recorded a guest exception: on to <paramref name="noFault"/> unless it did.</summary>
        private void EmitFaultTest(in Step step, bool inDelaySlot, Label noFault)
        {
            PushStateAddress(s_exceptionOffset);
            _il.Emit(OpCodes.Ldind_I4);
            _il.Emit(OpCodes.Ldc_I4, (int)GuestException.None);
            _il.Emit(OpCodes.Beq, noFault);
            EmitFaultExit(step, inDelaySlot);
        }

        /// <summary>
        /// Leaves at an access the software TLB did not serve (a miss, a device, a page of code), asking the dispatcher
        /// to interpret from there (<see cref="CpuState.InterpretNext"/>): the interpreter's slow path makes the access.
        /// Compiled code then calls nothing for its accesses, so RyuJIT may keep guest registers in any host register
        /// instead of spilling them around a call, and has much less code to compile. An access in a delay slot leaves
        /// at its branch, as a fault there does: the slot has not run, so the branch runs again with the same operands.
        /// </summary>
        private void EmitSlowAccessExit(in Step step, bool inDelaySlot)
        {
            PushStateAddress(CpuState.InterpretNextOffset);
            _il.Emit(OpCodes.Ldc_I4_1);
            _il.Emit(OpCodes.Stind_I4);
            ExitTo(inDelaySlot ? step.Pc - 4 : step.Pc, null);
        }

        private void PushEffectiveAddress(in DecodedInstruction instruction)
        {
            LoadGpr(instruction.Base);
            if (instruction.Immediate != 0)
            {
                _il.Emit(OpCodes.Ldc_I8, (long)instruction.Immediate);
                _il.Emit(OpCodes.Add);
            }
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
                    registerTarget = _jumpTarget ??= _il.DeclareLocal(typeof(ulong));
                    LoadGpr(instruction.Rs);
                    _il.Emit(OpCodes.Stloc, registerTarget);
                    break;
                default:
                    if (branch.Semantic is not { Result: ResultKind.Condition } semantic)
                    {
                        EmitRaise(branch, inDelaySlot: false, GuestException.ReservedInstruction);
                        return;
                    }

                    EmitFpuCheck(branch, inDelaySlot: false);
                    taken = EmitCall(branch, semantic, inDelaySlot: false);
                    break;
            }

            EmitLink(instruction, pc);
            Label skipDelaySlot = _il.DefineLabel();
            bool likely = taken is not null && (instruction.Flags & InstructionFlags.Likely) != 0;
            if (likely)
            {
                // Both ways meet after the slot with every register in its 64-bit local.
                ForgetWords();
                _il.Emit(OpCodes.Ldloc, taken!);
                _il.Emit(OpCodes.Brfalse, skipDelaySlot);
            }

            if (delaySlot is { } slot)
            {
                EmitInstruction(slot, inDelaySlot: true);
                if (likely)
                {
                    ForgetWords();
                }
            }
            else
            {
                // The slot could not be fetched when the block was formed: its fetch fault, as the interpreter raises it.
                _il.Emit(OpCodes.Ldarg_0);
                _il.Emit(OpCodes.Ldc_I8, (long)pc);
                _il.Emit(OpCodes.Call, s_raiseDelaySlotFetchFault);
                ExitTo(pc, null);
            }

            _il.MarkLabel(skipDelaySlot);
            if (registerTarget is not null)
            {
                _il.Emit(OpCodes.Ldloc, registerTarget);
                _il.Emit(OpCodes.Stloc, _nextPc);
                if (_links is not null && LinkRules.MayPublish(_fullSystem, _region[0].Address))
                {
                    // A computed jump chains through the jump cache when it holds code for the target.
                    _il.Emit(OpCodes.Ldc_I8, (long)_links.JumpCache);
                    _il.Emit(OpCodes.Conv_I);
                    _il.Emit(OpCodes.Ldloc, registerTarget);
                    _il.Emit(OpCodes.Call, s_jumpSlot);
                    _il.Emit(OpCodes.Stloc, _chainSlot);
                }

                WriteBackWords();
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
                BeginStoreGpr(link);
                _il.Emit(OpCodes.Ldc_I8, (long)(pc + 8));
                EndStoreGpr(link);
            }
        }

        /// <summary>Continues at a constant guest PC: inside the region an IL branch, else an exit.</summary>
        private void ExitTo(ulong pc)
        {
            if (IndexInRegion(pc) is int index and >= 0)
            {
                WriteBackWords();
                _il.Emit(OpCodes.Br, _blockLabels[index]);
                return;
            }

            ExitTo(pc, LinkRules.MayLink(_fullSystem, _region[0].Address, pc) ? _links?.Allocate(pc) : null);
        }

        /// <summary>Leaves the region for <paramref name="pc"/>, chaining through <paramref name="slot"/> when there is one.</summary>
        private void ExitTo(ulong pc, nint* slot)
        {
            _il.Emit(OpCodes.Ldc_I8, (long)pc);
            _il.Emit(OpCodes.Stloc, _nextPc);
            SetChainSlot(slot);
            WriteBackWords();
            _il.Emit(OpCodes.Br, _exit);
        }

        /// <summary>Which link slot the exit about to be taken goes through; none for register jumps and faults.</summary>
        private void SetChainSlot(nint* slot)
        {
            if (_links is null)
            {
                return;
            }

            _il.Emit(OpCodes.Ldc_I8, (long)slot);
            _il.Emit(OpCodes.Conv_I);
            _il.Emit(OpCodes.Stloc, _chainSlot);
        }

        private void EmitRaise(in Step step, bool inDelaySlot, GuestException exception)
        {
            PushStateAddress(s_exceptionOffset);
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
            ExitTo(inDelaySlot ? step.Pc - 4 : step.Pc, null);
        }

        private void LoadGpr(int register)
        {
            if (register == 0)
            {
                _il.Emit(OpCodes.Ldc_I8, 0L);
            }
            else if (_inWord[register])
            {
                _il.Emit(OpCodes.Ldloc, _words[register]!);
                _il.Emit(OpCodes.Conv_I8);
            }
            else if (_registersInLocals)
            {
                _il.Emit(OpCodes.Ldloc, _registers[register]!);
            }
            else
            {
                LoadStateGpr(register);
            }
        }

        /// <summary>Before the value of a GPR write: the register's address when it lives in the state.</summary>
        private void BeginStoreGpr(int register)
        {
            if (!_registersInLocals)
            {
                PushStateAddress(CpuState.GprOffset(register));
            }
        }

        private void EndStoreGpr(int register)
        {
            if (_registersInLocals)
            {
                _il.Emit(OpCodes.Stloc, _registers[register]!);
                _inWord[register] = false;
            }
            else
            {
                _il.Emit(OpCodes.Stind_I8);
            }
        }

        private void LoadStateGpr(int register) => LoadStateField(CpuState.GprOffset(register));

        private void LoadStateField(int offset)
        {
            PushStateAddress(offset);
            _il.Emit(OpCodes.Ldind_I8);
        }

        /// <summary>Pushes the address of the CPU state's field at <paramref name="offset"/>.</summary>
        private void PushStateAddress(int offset)
        {
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldc_I4, offset);
            _il.Emit(OpCodes.Add);
        }

        private void StoreHiLo(LocalBuilder hiLo)
        {
            _il.Emit(OpCodes.Ldarg_0);
            _il.Emit(OpCodes.Ldloc, hiLo);
            _il.Emit(OpCodes.Call, s_storeHiLo);
        }
    }
}
