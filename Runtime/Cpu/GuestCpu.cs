using System.Runtime.InteropServices;

namespace LoongsonDbt.Runtime.Cpu;

/// <summary>Owns one guest CPU's <see cref="CpuState"/> in native memory.</summary>
public sealed unsafe class GuestCpu : IDisposable
{
    public GuestCpu()
    {
        State = (CpuState*)NativeMemory.AlignedAlloc((nuint)sizeof(CpuState), 64);
        Reset();
    }

    public CpuState* State { get; private set; }

    public ulong this[int register]
    {
        get => State->Gpr[register];
        set
        {
            if (register != 0)
            {
                State->Gpr[register] = value;
            }
        }
    }

    /// <summary>
    /// Every register zero, no exception pending; the FPU and every RDHWR register usable, as a user-mode
    /// program sees them (a full-system CP0 narrows both).
    /// </summary>
    public void Reset()
    {
        *State = default;
        State->Exception = GuestException.None;
        State->FpuUsable = 1;
        State->ReadableHardwareRegisters = uint.MaxValue;
    }

    public void Dispose()
    {
        if (State != null)
        {
            NativeMemory.AlignedFree(State);
            State = null;
        }
    }
}
