using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Translator.Semantics;

namespace LoongsonDbt.Translator.Emit;

/// <summary>Cold-path helpers compiled blocks call.</summary>
public static unsafe class CompiledCodeHelpers
{
    /// <summary>Completes the exception an instruction recorded: EPC, delay-slot flag, instruction word.</summary>
    public static void RaiseAt(CpuState* state, ulong pc, int inDelaySlot, uint word) =>
        state->Raise(state->Exception == GuestException.None ? GuestException.ReservedInstruction : state->Exception,
            pc, inDelaySlot != 0, word);

    /// <summary>An FPU instruction ran with Status.CU1 clear.</summary>
    public static void FpuUnusable(CpuState* state) => state->RaiseCoprocessorUnusable(1);

    /// <summary>Writes a multiply or divide result; by value, so no local's address is taken (that would block tail calls).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void StoreHiLo(CpuState* state, HiLo result)
    {
        state->Hi = result.Hi;
        state->Lo = result.Lo;
    }
}
