using BenchmarkDotNet.Attributes;
using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Perf.Execution;

/// <summary>
/// What a transition between compiled units costs: a ring of 64 one-instruction blocks, each jumping
/// to the next, counted down by $2; ns per transition once everything is compiled.
/// </summary>
[BenchmarkCategory("Execution")]
public unsafe class DispatchBenchmarks
{
    private const int Blocks = 64;
    private const int Transitions = 1 << 20;

    private AddressSpace _memory = null!;
    private GuestCpu _cpu = null!;
    private ExecutionEngine _engine = null!;

    [GlobalSetup]
    public void BuildRing()
    {
        // Block i: addiu $2,$2,-1 ; bne $2,$0,block i+1 ; nop -- falling through when $2 reaches 0 hits a syscall.
        var words = new List<uint>();
        for (int i = 0; i < Blocks; i++)
        {
            ulong at = GuestCode.Address + (ulong)words.Count * 4;
            ulong next = GuestCode.Address + (ulong)((i + 1) % Blocks) * 16;
            words.Add(GuestCode.Addiu(2, 2, -1));
            words.Add(GuestCode.Bne(2, 0, at + 4, next));
            words.Add(GuestCode.Nop);
            words.Add(GuestCode.Syscall);
        }

        _memory = GuestCode.Load([.. words]);
        _cpu = new GuestCpu();
        _memory.Attach(_cpu.State);
        _engine = new ExecutionEngine(_memory, new EngineOptions { Mode = EngineMode.Compiled });
        Run(Blocks * 4); // translate and compile every block before measuring
    }

    [GlobalCleanup]
    public void Release()
    {
        _engine.Dispose();
        _memory.Dispose();
        _cpu.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Transitions)]
    public ulong CompiledTransitions() => Run(Transitions);

    private ulong Run(int transitions)
    {
        CpuState* state = _cpu.State;
        state->Gpr[2] = (ulong)transitions;
        state->Pc = GuestCode.Address;
        _engine.Run(state);
        return state->Pc;
    }
}
