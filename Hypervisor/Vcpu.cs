using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Hypervisor;

/// <summary>
/// Runs one guest core: translated code until it leaves with an exception, which this loop delivers
/// as the architecture says (or handles ERET and WAIT), and interrupts at block boundaries. Like
/// KVM_RUN it returns only for what the machine must handle: a stop requested by a device.
/// </summary>
public sealed unsafe class Vcpu
{
    /// <summary>How long WAIT sleeps before rechecking; interrupts wake it sooner.</summary>
    private static readonly TimeSpan s_idleSlice = TimeSpan.FromMilliseconds(10);

    private readonly SystemCpu _cpu;
    private readonly IExecutionEngine _engine;
    private const int NoStop = -1;

    private int _stop = NoStop;

    public Vcpu(SystemCpu cpu, IExecutionEngine engine)
    {
        _cpu = cpu;
        _engine = engine;
    }

    public SystemCpu Cpu => _cpu;

    /// <summary>Guest exceptions delivered so far, by Cause.ExcCode (for the profile).</summary>
    public long[] ExceptionCounts { get; } = new long[32];

    public long Interrupts { get; private set; }

    /// <summary>Makes <see cref="Run"/> return <paramref name="reason"/> soon; any thread (a device write, a host signal).</summary>
    public void Stop(VcpuExit reason)
    {
        Interlocked.CompareExchange(ref _stop, (int)reason, NoStop);
        _cpu.RequestExit();
    }

    public VcpuExit Run()
    {
        CpuState* state = _cpu.State;
        Cp0 cp0 = _cpu.Cp0;
        while (true)
        {
            // Clear the exit request before looking at what it was for, so a request arriving now is not lost.
            Volatile.Write(ref state->Budget, 0);
            int stop = Volatile.Read(ref _stop);
            if (stop != NoStop)
            {
                return (VcpuExit)stop;
            }

            if (cp0.InterruptPending)
            {
                Interrupts++;
                cp0.TakeInterrupt();
            }

            _engine.Run(state);
            switch (state->Exception)
            {
                case GuestException.None:
                    break; // an exit request
                case GuestException.ExceptionReturn:
                    state->Exception = GuestException.None;
                    cp0.ReturnFromException();
                    break;
                case GuestException.Wait:
                    state->Exception = GuestException.None;
                    state->Pc = state->ExceptionPc + 4;
                    WaitForInterrupt(state, cp0);
                    break;
                default:
                    ExceptionCounts[(int)state->Exception & 31]++;
                    cp0.TakeException();
                    break;
            }
        }
    }

    /// <summary>
    /// WAIT: the core sleeps until an enabled interrupt restarts it, which is then taken with EPC at the
    /// instruction after the WAIT (MIPS64 Volume II, WAIT; QEMU halts the CPU until then), or until the host
    /// stops the vCPU. An exit request that is neither (a masked line changing) only starts another slice.
    /// </summary>
    private void WaitForInterrupt(CpuState* state, Cp0 cp0)
    {
        while (!cp0.InterruptPending && Volatile.Read(ref _stop) == NoStop)
        {
            Volatile.Write(ref state->Budget, 0);
            _cpu.Idle(s_idleSlice);
        }
    }
}
