using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.UserMode.Unit;

/// <summary>
/// Stands in for the execution engine: each <see cref="Run"/> performs the next scripted step, which
/// plays what guest instructions would have done up to the exception that stops them.
/// </summary>
public sealed unsafe class ScriptedEngine : IExecutionEngine
{
    private readonly Queue<Step> _steps = [];

    public delegate void Step(CpuState* state);

    public ScriptedEngine Then(Step step)
    {
        _steps.Enqueue(step);
        return this;
    }

    /// <summary>Sets v0 and the arguments, then raises the Syscall exception at <paramref name="pc"/>.</summary>
    public ScriptedEngine ThenSyscall(ulong pc, long number, params ulong[] arguments) => Then(state =>
    {
        state->Gpr[2] = (ulong)number;
        for (int i = 0; i < arguments.Length; i++)
        {
            state->Gpr[4 + i] = arguments[i];
        }

        state->Raise(GuestException.Syscall, pc, inDelaySlot: false, 0x0000_000c);
    });

    public void Run(CpuState* state)
    {
        Assert.That(_steps, Is.Not.Empty, "the guest ran past the script");
        _steps.Dequeue()(state);
    }
}
