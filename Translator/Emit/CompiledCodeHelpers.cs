using LoongsonDbt.Runtime.Cpu;

namespace LoongsonDbt.Translator.Emit;

/// <summary>Cold-path helpers compiled blocks call.</summary>
public static unsafe class CompiledCodeHelpers
{
    /// <summary>Completes the exception an instruction recorded: EPC, delay-slot flag, instruction word.</summary>
    public static void RaiseAt(CpuState* state, ulong pc, int inDelaySlot, uint word) =>
        state->Raise(state->Exception == GuestException.None ? GuestException.ReservedInstruction : state->Exception,
            pc, inDelaySlot != 0, word);
}
