using System.Runtime.InteropServices;

namespace LoongsonDbt.Runtime.Cpu;

/// <summary>Owns one guest CPU's <see cref="CpuState"/> in native memory.</summary>
public sealed unsafe class GuestCpu : IDisposable
{
    public GuestCpu()
    {
        State = (CpuState*)NativeMemory.AlignedAlloc((nuint)sizeof(CpuState), 64);
        *State = default;
        State->Exception = GuestException.None;
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

    public void Dispose()
    {
        if (State != null)
        {
            NativeMemory.AlignedFree(State);
            State = null;
        }
    }
}
