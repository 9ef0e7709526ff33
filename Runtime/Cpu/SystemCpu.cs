using System.Runtime.InteropServices;
using LoongsonDbt.Runtime.Interrupts;
using LoongsonDbt.Runtime.Memory;

namespace LoongsonDbt.Runtime.Cpu;

/// <summary>
/// One core of a full-system guest: its registers, CP0, TLB and MMU over the machine's bus. Its
/// inputs are the hardware interrupt lines IP2..IP7; an interrupt that becomes deliverable makes the
/// budget negative so translated code comes back to the vCPU loop to take it.
/// </summary>
public sealed unsafe class SystemCpu : IInterruptController, IDisposable
{
    private readonly GuestCpu _cpu = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private GCHandle _self;

    public SystemCpu(PhysicalBus bus, int cpuNumber)
    {
        Tlb = new Tlb();
        Mmu = new SystemMmu(bus, Tlb);
        Mmu.Attach(_cpu.State);
        Cp0 = new Cp0(_cpu.State, Tlb, Mmu, cpuNumber);
        Cp0.InterruptRequested += RequestExit;
        _self = GCHandle.Alloc(this);
        _cpu.State->SystemHandle = GCHandle.ToIntPtr(_self);
    }

    public CpuState* State => _cpu.State;

    public Cp0 Cp0 { get; }

    public Tlb Tlb { get; }

    public SystemMmu Mmu { get; }

    public ulong this[int register]
    {
        get => _cpu[register];
        set => _cpu[register] = value;
    }

    /// <summary>The system CPU whose state this is; only called with a full-system state.</summary>
    public static SystemCpu From(CpuState* state) => (SystemCpu)GCHandle.FromIntPtr(state->SystemHandle).Target!;

    public void SetInput(int input, bool asserted) => Cp0.SetLine(input, asserted);

    /// <summary>Makes translated code return to the vCPU loop at its next check; any thread.</summary>
    public void RequestExit()
    {
        Volatile.Write(ref State->Budget, -1);
        _wake.Set();
    }

    /// <summary>Blocks (WAIT) until an interrupt is pending or <paramref name="timeout"/> passes.</summary>
    public void Idle(TimeSpan timeout)
    {
        _wake.Reset();
        if (!Cp0.InterruptPending && Volatile.Read(ref State->Budget) >= 0)
        {
            _wake.Wait(timeout);
        }
    }

    public void Dispose()
    {
        Cp0.Dispose();
        Mmu.Dispose();
        if (_self.IsAllocated)
        {
            _self.Free();
        }

        _cpu.Dispose();
        _wake.Dispose();
    }
}
