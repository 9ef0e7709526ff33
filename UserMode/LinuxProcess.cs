using System.Buffers.Binary;
using System.Text;
using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.UserMode;

/// <summary>
/// Hosts one guest program: loads it, builds its stack, then runs the engine and serves what stops it —
/// system calls and faults turned into signals — until the guest exits.
/// </summary>
public sealed unsafe class LinuxProcess
{
    // Trap and break codes the kernel turns into SIGFPE (arch/mips/include/uapi/asm/break.h).
    private const uint BreakOverflow = 6;
    private const uint BreakDivideByZero = 7;

    // si_code values.
    private const int IllegalOpcode = 1;
    private const int FpeIntegerDivide = 1;
    private const int FpeIntegerOverflow = 2;
    private const int SegvMapError = 1;
    private const int SegvAccessError = 2;
    private const int BusAlignment = 1;
    private const int TrapBreakpoint = 1;

    private readonly IExecutionEngine _engine;
    private readonly AddressSpace _memory;
    private readonly GuestCpu _cpu;

    private LinuxProcess(IExecutionEngine engine, AddressSpace memory, GuestCpu cpu, FileTable files,
        LoadedProgram program, string executablePath, TextWriter? diagnostics)
    {
        _engine = engine;
        _memory = memory;
        _cpu = cpu;
        Program = program;
        ulong trampoline = InitialStack.StackTop;
        _memory.Map(trampoline, GuestMemory.PageSize, PageProtection.ReadExecute);
        // Word by word: MemoryMarshal.AsBytes<uint> is a generic instantiation JIT-compiled at every start.
        Span<byte> code = stackalloc byte[SignalState.TrampolineCode.Length * sizeof(uint)];
        for (int i = 0; i < SignalState.TrampolineCode.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(code[(i * sizeof(uint))..], SignalState.TrampolineCode[i]);
        }

        _memory.Poke(trampoline, code);
        Signals = new SignalState(memory, diagnostics, trampoline);
        Syscalls = new LinuxSyscalls(memory, files, Signals, program.DataEnd, executablePath, diagnostics);
    }

    public LoadedProgram Program { get; }

    public SignalState Signals { get; }

    public LinuxSyscalls Syscalls { get; }

    /// <summary>
    /// Loads <paramref name="elfPath"/> into <paramref name="memory"/>, builds the initial stack from
    /// <paramref name="arguments"/> (argv, with argv[0] first) and <paramref name="environment"/> (envp, NAME=value), and sets
    /// <paramref name="cpu"/> to the entry state. Throws <see cref="Runtime.Images.InvalidGuestImageException"/>
    /// for a file that is not a mips64el n64 static program.
    /// </summary>
    /// <param name="files">The guest's descriptor table (stdio redirection); the host's stdio when null.</param>
    /// <param name="diagnostics">Where emulator messages go (unsupported syscalls, fatal signals); stderr when null.</param>
    public static LinuxProcess Start(string elfPath, IReadOnlyList<string> arguments, IReadOnlyList<string> environment,
        IExecutionEngine engine, AddressSpace memory, GuestCpu cpu, FileTable? files = null, TextWriter? diagnostics = null)
    {
        string fullPath = Path.GetFullPath(elfPath);
        LoadedProgram program = ElfLoader.Load(fullPath, memory);
        var process = new LinuxProcess(engine, memory, cpu, files ?? new FileTable(), program, fullPath, diagnostics);
        ulong sp = InitialStack.Build(memory, program, arguments, environment, elfPath);

        // As the kernel's start_thread: every register zero but sp, execution at the entry point.
        cpu.Reset();
        CpuState* state = cpu.State;
        state->Gpr[29] = sp;
        state->Pc = program.Entry;
        memory.Attach(state);
        return process;
    }

    /// <summary>Runs the guest to its end; returns exit_group's status &amp; 0xff, or 128 + the fatal signal.</summary>
    public int Run()
    {
        CpuState* state = _cpu.State;
        while (true)
        {
            _engine.Run(state);
            int? status = HandleException(state);
            if (status is { } done)
            {
                return done;
            }
        }
    }

    /// <summary>Serves the exception the engine stopped at; returns the exit status once the guest is finished.</summary>
    public int? HandleException(CpuState* state)
    {
        GuestException exception = state->Exception;
        state->Exception = GuestException.None;
        if (exception == GuestException.None || exception == GuestException.Interrupt)
        {
            return null;
        }

        if (exception == GuestException.Syscall)
        {
            state->Pc = state->ExceptionPc + 4;
            switch (Syscalls.Dispatch(state))
            {
                case SyscallCompletion.Exited:
                    return Syscalls.ExitStatus;
                case SyscallCompletion.BadSignalFrame:
                    return Fatal(Signals.RaiseFault(state, GuestSignal.SIGSEGV, 0, state->Gpr[29]));
            }

            // A signal the call raised or unblocked runs now, its frame resuming after the syscall.
            return Fatal(Signals.DeliverPending(state));
        }

        // A fault: the handler (or the report) sees the faulting instruction, which a return re-executes.
        state->Pc = state->ExceptionPc;
        (int signal, int code, ulong address) = Classify(state, exception);
        return Fatal(Signals.RaiseFault(state, signal, code, address));
    }

    private int? Fatal(SignalDisposition disposition) =>
        disposition == SignalDisposition.Terminated ? 128 + Signals.TerminatingSignal : null;

    private static (int Signal, int Code, ulong Address) Classify(CpuState* state, GuestException exception) => exception switch
    {
        GuestException.TlbLoad or GuestException.TlbStore or GuestException.TlbModified =>
            (GuestSignal.SIGSEGV, IsMapped(state) ? SegvAccessError : SegvMapError, state->BadVAddr),
        GuestException.AddressErrorLoad or GuestException.AddressErrorStore => (GuestSignal.SIGBUS, BusAlignment, state->BadVAddr),
        GuestException.Breakpoint or GuestException.Trap => TrapSignal(state, exception),
        GuestException.Overflow => (GuestSignal.SIGFPE, FpeIntegerOverflow, state->ExceptionPc),
        GuestException.FloatingPoint => (GuestSignal.SIGFPE, FloatingPointCode(state->Fcsr), state->ExceptionPc),
        _ => (GuestSignal.SIGILL, IllegalOpcode, state->ExceptionPc),
    };

    private static bool IsMapped(CpuState* state) =>
        ((AddressSpace)GuestMemory.Owner(state)).IsMapped(state->BadVAddr, 1);

    /// <summary>do_bp / do_tr: break and trap codes 6 and 7 mean overflow and divide by zero.</summary>
    private static (int, int, ulong) TrapSignal(CpuState* state, GuestException exception)
    {
        uint word = state->BadInstruction;
        uint code;
        if (exception == GuestException.Breakpoint)
        {
            // gas puts a lone break code in bits 16..25; the kernel swaps the halves back (do_bp).
            code = (word >> 6) & 0xfffff;
            if (code >= 1 << 10)
            {
                code = ((code & 0x3ff) << 10) | (code >> 10);
            }
        }
        else
        {
            // Register-form traps (SPECIAL) carry a 10-bit code; immediate forms (REGIMM) have none.
            code = (word >> 26) == 0 ? (word >> 6) & 0x3ff : 0;
        }

        return code switch
        {
            BreakOverflow => (GuestSignal.SIGFPE, FpeIntegerOverflow, state->ExceptionPc),
            BreakDivideByZero => (GuestSignal.SIGFPE, FpeIntegerDivide, state->ExceptionPc),
            _ => (GuestSignal.SIGTRAP, TrapBreakpoint, state->ExceptionPc),
        };
    }

    /// <summary>The si_code for an FPU exception, from FCSR's cause bits (invalid first, as the kernel orders them).</summary>
    private static int FloatingPointCode(uint fcsr) =>
        (fcsr & (1 << 16)) != 0 ? 7 : (fcsr & (1 << 15)) != 0 ? 3 : (fcsr & (1 << 14)) != 0 ? 4
        : (fcsr & (1 << 13)) != 0 ? 5 : (fcsr & (1 << 12)) != 0 ? 6 : 0;
}
