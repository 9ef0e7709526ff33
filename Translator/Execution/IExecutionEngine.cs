using LoongsonDbt.Runtime.Cpu;

namespace LoongsonDbt.Translator.Execution;

/// <summary>Runs guest code on one CPU until an instruction raises an exception the host must handle.</summary>
public unsafe interface IExecutionEngine
{
    /// <summary>
    /// Executes from <c>state-&gt;Pc</c> until an instruction raises an exception (syscall, break, trap,
    /// memory fault, reserved instruction...). On return <c>state-&gt;Exception</c> says which,
    /// <c>state-&gt;ExceptionPc</c> is the MIPS EPC (the branch, with <c>ExceptionInDelaySlot</c>, for a delay
    /// slot) and all registers are architectural: the faulting instruction has not completed.
    /// </summary>
    void Run(CpuState* state);
}
