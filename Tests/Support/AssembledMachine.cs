using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.Support;

/// <summary>
/// An assembled program in an address space of its own, the code mapped RWX at <see cref="CodeAddress"/> and a data
/// page at <see cref="DataAddress"/>, run by an engine that compiles a block once it ran twice.
/// </summary>
public sealed unsafe class AssembledMachine : IDisposable
{
    public const ulong CodeAddress = 0x1_2000_0000;
    public const ulong DataAddress = 0x1_3000_0000;

    private readonly AddressSpace _memory = new();
    private readonly GuestCpu _cpu = new();

    public AssembledMachine(EngineMode mode, string source)
    {
        AssembledCode.MapInto(_memory, source);
        _memory.Map(DataAddress, 0x1000, PageProtection.ReadWrite);
        _memory.Attach(_cpu.State);
        _cpu.State->Pc = CodeAddress;
        Engine = new ExecutionEngine(_memory, new EngineOptions { Mode = mode, CompileThreshold = 2 });
    }

    public ExecutionEngine Engine { get; }

    public CpuState* State => _cpu.State;

    public void Run() => Engine.Run(_cpu.State);

    public void Dispose()
    {
        Engine.Dispose();
        _memory.Dispose();
        _cpu.Dispose();
    }
}
