using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.UserMode;

namespace LoongsonDbt.Tests.UserMode.Unit;

/// <summary>A guest address space, CPU and syscall dispatcher, driven one system call at a time.</summary>
public sealed unsafe class SyscallHarness : IDisposable
{
    public const ulong Scratch = 0x1000_0000;
    public const ulong ProgramBreak = 0x2000_0000;

    public SyscallHarness()
    {
        Memory.Map(Scratch, 0x10000, PageProtection.ReadWrite);
        Memory.Attach(Cpu.State);
        Signals = new SignalState(Memory, Diagnostics, 0x7fff_ffff_f000);
        Syscalls = new LinuxSyscalls(Memory, Files, Signals, ProgramBreak, "/guest/program", Diagnostics);
    }

    public AddressSpace Memory { get; } = new();

    public GuestCpu Cpu { get; } = new();

    public FileTable Files { get; } = new();

    public SignalState Signals { get; }

    public LinuxSyscalls Syscalls { get; }

    public StringWriter Diagnostics { get; } = new();

    /// <summary>Issues a call as the guest would; returns v0, negated when a3 reports an error.</summary>
    public long Call(SyscallNumber number, params ulong[] arguments)
    {
        CpuState* state = Cpu.State;
        state->Gpr[2] = (ulong)number;
        for (int i = 0; i < 6; i++)
        {
            state->Gpr[4 + i] = i < arguments.Length ? arguments[i] : 0xdead_beef;
        }

        Assert.That(Syscalls.Dispatch(state), Is.EqualTo(SyscallCompletion.Returned));
        Assert.That(state->Gpr[7], Is.EqualTo(0UL).Or.EqualTo(1UL), "a3 is the error flag");
        return state->Gpr[7] == 1 ? -(long)state->Gpr[2] : (long)state->Gpr[2];
    }

    public ulong String(ulong address, string value)
    {
        Memory.Poke(address, [.. global::System.Text.Encoding.UTF8.GetBytes(value), 0]);
        return address;
    }

    public byte[] Read(ulong address, int length)
    {
        byte[] bytes = new byte[length];
        Assert.That(Memory.TryRead(address, bytes), Is.True, $"0x{address:x} readable");
        return bytes;
    }

    public void Dispose()
    {
        Files.Dispose();
        Cpu.Dispose();
        Memory.Dispose();
    }
}
