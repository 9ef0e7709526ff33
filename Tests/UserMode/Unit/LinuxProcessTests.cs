using System.Buffers.Binary;
using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.UserMode;

namespace LoongsonDbt.Tests.UserMode.Unit;

[TestFixture]
public sealed unsafe class LinuxProcessTests
{
    private const ulong Entry = 0x1_2000_0130;
    private const ulong Data = 0x1_2001_0140;
    private const ulong Handler = 0x1_2000_0200;

    [Test]
    public void StartsAtTheEntryWithOnlySpSetAndReturnsTheExitStatus()
    {
        var engine = new ScriptedEngine()
            .Then(state =>
            {
                Assert.That(state->Pc, Is.EqualTo(Entry));
                Assert.That(state->Gpr[29] % 16, Is.Zero);
                Assert.That(state->Gpr[29], Is.LessThan(InitialStack.StackTop));
                Assert.That(Enumerable.Range(0, 32).Where(r => r != 29).Select(r => state->Gpr[r]), Is.All.Zero);
            })
            .ThenSyscall(Entry, (long)SyscallNumber.ExitGroup, 300);

        Assert.That(Run(engine, out _), Is.EqualTo(300 & 0xff));
    }

    [Test]
    public void UnhandledFaultReportsAndExitsWithTheSignal()
    {
        var engine = new ScriptedEngine().Then(state =>
        {
            state->Raise(GuestException.TlbLoad, Entry + 8, inDelaySlot: false, 0xdc82_0000);
            state->BadVAddr = 0x10;
        });

        Assert.That(Run(engine, out string diagnostics), Is.EqualTo(128 + GuestSignal.SIGSEGV));
        Assert.That(diagnostics, Is.EqualTo($"loongson-dbt: guest SIGSEGV at pc 0x{Entry + 8:x} (address 0x10){Environment.NewLine}"));
    }

    [Test]
    public void DivideByZeroBreakIsSigfpe()
    {
        // `break 7` as gas encodes it: the code in bits 16..25.
        var engine = new ScriptedEngine().Then(state => state->Raise(GuestException.Breakpoint, Entry, false, 0x0007_000d));
        Assert.That(Run(engine, out string diagnostics), Is.EqualTo(128 + GuestSignal.SIGFPE));
        Assert.That(diagnostics, Does.StartWith("loongson-dbt: guest SIGFPE"));
    }

    [Test]
    public void FaultRunsTheHandlerAndSigreturnRestoresTheRegisters()
    {
        ulong action = Data;
        ulong faultPc = Entry + 0x20;
        ulong sp = 0;
        AddressSpace? memory = null;
        var engine = new ScriptedEngine()
            .Then(state =>
            {
                sp = state->Gpr[29];
                memory = (AddressSpace)GuestMemory.Owner(state);
                byte[] sigaction = new byte[SignalAction.Size];
                BinaryPrimitives.WriteUInt32LittleEndian(sigaction, SignalAction.SaSigInfo);
                BinaryPrimitives.WriteUInt64LittleEndian(sigaction.AsSpan(8), Handler);
                Assert.That(memory.TryWrite(action, sigaction), Is.True);
            })
            .ThenSyscall(Entry, (long)SyscallNumber.RtSigaction, (ulong)GuestSignal.SIGSEGV, action, 0, 16)
            .Then(state =>
            {
                Assert.That(state->Gpr[7], Is.Zero, "rt_sigaction succeeded");
                Assert.That(state->Pc, Is.EqualTo(Entry + 4));
                state->Gpr[16] = 0x5151;
                state->Hi = 0x4848;
                state->Raise(GuestException.TlbStore, faultPc, false, 0xfc40_0000);
                state->BadVAddr = 0x8;
            })
            .Then(state =>
            {
                Assert.That(state->Pc, Is.EqualTo(Handler));
                Assert.That(state->Gpr[25], Is.EqualTo(Handler));
                Assert.That(state->Gpr[4], Is.EqualTo((ulong)GuestSignal.SIGSEGV));
                Assert.That(state->Gpr[29] % 16, Is.Zero);
                Assert.That(state->Gpr[29], Is.LessThan(sp));
                byte[] info = new byte[24];
                Assert.That(memory!.TryRead(state->Gpr[5], info), Is.True);
                Assert.That(BinaryPrimitives.ReadInt32LittleEndian(info), Is.EqualTo(GuestSignal.SIGSEGV));
                Assert.That(BinaryPrimitives.ReadInt32LittleEndian(info.AsSpan(4)), Is.EqualTo(1), "SEGV_MAPERR");
                Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(info.AsSpan(16)), Is.EqualTo(0x8UL), "si_addr");

                // ucontext.uc_mcontext.sc_pc (40 + 576) is the faulting instruction.
                byte[] pc = new byte[8];
                Assert.That(memory.TryRead(state->Gpr[6] + 40 + 576, pc), Is.True);
                Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(pc), Is.EqualTo(faultPc));

                // The handler returns to the trampoline, which is `li v0, 5211; syscall`.
                ulong trampoline = state->Gpr[31];
                Assert.That(memory.TryFetch(trampoline, out uint li), Is.True);
                Assert.That(memory.TryFetch(trampoline + 4, out uint syscall), Is.True);
                Assert.That((li, syscall), Is.EqualTo((0x2402_145bu, 0x0000_000cu)));
                state->Gpr[16] = 0;
                state->Gpr[2] = 5211;
                state->Raise(GuestException.Syscall, trampoline + 4, false, syscall);
            })
            .Then(state =>
            {
                Assert.That(state->Pc, Is.EqualTo(faultPc));
                Assert.That(state->Gpr[29], Is.EqualTo(sp));
                Assert.That(state->Gpr[16], Is.EqualTo(0x5151UL));
                Assert.That(state->Hi, Is.EqualTo(0x4848UL));
            })
            .ThenSyscall(faultPc, (long)SyscallNumber.ExitGroup, 0);

        Assert.That(Run(engine, out string diagnostics), Is.Zero);
        Assert.That(diagnostics, Is.Empty);
    }

    [Test]
    public void KillOfSelfRunsTheHandlerAfterTheSyscall()
    {
        var engine = new ScriptedEngine()
            .Then(state =>
            {
                byte[] sigaction = new byte[SignalAction.Size];
                BinaryPrimitives.WriteUInt64LittleEndian(sigaction.AsSpan(8), Handler);
                Assert.That(((AddressSpace)GuestMemory.Owner(state)).TryWrite(Data, sigaction), Is.True);
            })
            .ThenSyscall(Entry, (long)SyscallNumber.RtSigaction, (ulong)GuestSignal.SIGUSR1, Data, 0, 16)
            .ThenSyscall(Entry + 8, (long)SyscallNumber.Getpid)
            .Then(state =>
            {
                ulong pid = state->Gpr[2];
                state->Gpr[2] = (ulong)SyscallNumber.Kill;
                state->Gpr[4] = pid;
                state->Gpr[5] = GuestSignal.SIGUSR1;
                state->Raise(GuestException.Syscall, Entry + 16, false, 0xc);
            })
            .Then(state =>
            {
                Assert.That(state->Pc, Is.EqualTo(Handler));
                Assert.That(state->Gpr[4], Is.EqualTo((ulong)GuestSignal.SIGUSR1));
                byte[] pc = new byte[8];
                Assert.That(((AddressSpace)GuestMemory.Owner(state)).TryRead(state->Gpr[6] + 40 + 576, pc), Is.True);
                Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(pc), Is.EqualTo(Entry + 20), "resumes after the kill");
            })
            .ThenSyscall(Handler, (long)SyscallNumber.ExitGroup, 5);

        Assert.That(Run(engine, out _), Is.EqualTo(5));
    }

    private static int Run(ScriptedEngine engine, out string diagnostics)
    {
        string path = TinyProgram.Build();
        using var memory = new AddressSpace();
        using var cpu = new GuestCpu();
        using var errors = new StringWriter();
        var process = LinuxProcess.Start(path, [path], ["HOME=/"], engine, memory, cpu, diagnostics: errors);
        int status = process.Run();
        diagnostics = errors.ToString();
        return status;
    }
}
