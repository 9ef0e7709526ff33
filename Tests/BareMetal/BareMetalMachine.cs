using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using LoongsonDbt.Hypervisor;
using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.Tests.Support;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.BareMetal;

/// <summary>
/// One bare Loongson-3A1000 core for programs that test the privileged architecture (MIPS64 Volume III):
/// 1 MiB of RAM at physical 0, the boot ROM at <c>0x1FC0_0000</c>, a <see cref="TestPort"/> at
/// <c>0x1F00_0000</c> and nothing else, run by the hypervisor's <see cref="Vcpu"/> loop. The program is
/// one assembly source linked at kseg0 <c>0xFFFF_FFFF_8000_0000</c> (physical 0, the reset EBase): the
/// handlers given sit at the vectors EBase + 0x000 (TLB refill), 0x080 (XTLB refill), 0x180 (general) and
/// 0x200 (interrupt with Cause.IV), the main code at EBase + 0x1000, where the CPU starts. A vector
/// without a handler reports an unexpected exception, which fails the test with Cause, EPC and BadVAddr.
/// The <see cref="Prelude"/> gives every program its reporting macros and TLB helpers.
/// </summary>
public sealed unsafe class BareMetalMachine : IDisposable
{
    public const ulong Kseg0 = 0xFFFF_FFFF_8000_0000;
    public const ulong Start = Kseg0 + 0x1000;
    public const ulong RomBase = 0xFFFF_FFFF_BFC0_0000;
    public const ulong TestPortPhysical = 0x1F00_0000;

    /// <summary>A physical address no window claims: an access there is a bus error.</summary>
    public const ulong UnassignedPhysical = 0x2000_0000;

    private const ulong RamBytes = 1 << 20;
    private const ulong RomBytes = 0x1000;
    private const ulong RomPhysical = 0x1FC0_0000;

    /// <summary>The top bits of what the <c>unexpected</c> macro reports (its low bits: the vector).</summary>
    private const ulong UnexpectedMarker = 0xBAD0_0000_0000_0000;

    /// <summary>The <c>unexpected</c> code for main running past its end.</summary>
    private const ulong FellThrough = 0xFA11;

    /// <summary>Long enough for the slowest mode on a loaded machine; every program here finishes in milliseconds.</summary>
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    /// <summary>Programs are assembled once and shared by the fixtures of all engine modes.</summary>
    private static readonly ConcurrentDictionary<(string Source, ulong Address), byte[]> s_images = new();

    /// <summary>
    /// Macros and constants every program can use. <c>$30</c> holds the test port's kseg1 address (main sets it
    /// first) and <c>$1</c> is the macros' scratch register, so programs leave both alone.
    /// </summary>
    private const string Prelude = """
        .equ KSEG0, 0xffffffff80000000
        .equ KSEG1, 0xffffffffa0000000
        .equ XKPHYS_UNCACHED, 0x9000000000000000
        .equ UNASSIGNED, 0x20000000

        # EntryLo flags: global, valid, dirty (writable), cacheable (C = 3)
        .equ LO_G, 1
        .equ LO_V, 2
        .equ LO_D, 4
        .equ LO_C, 3 << 3

        # report reg: appends a GPR to the results
        .macro report reg
            sd \reg, 0($30)
        .endm

        # report_c0 reg, sel: appends a CP0 register read with mfc0 (32 bits, sign-extended)
        .macro report_c0 reg, sel=0
            mfc0 $1, \reg, \sel
            sd $1, 0($30)
        .endm

        # report_dc0 reg, sel: appends a CP0 register read with dmfc0 (64 bits)
        .macro report_dc0 reg, sel=0
            dmfc0 $1, \reg, \sel
            sd $1, 0($30)
        .endm

        # done: ends the run
        .macro done
            sd $0, 8($30)
        99: b 99b
            nop
        .endm

        # set_line n, level: drives hardware interrupt line IPn (2..6) through the test port
        .macro set_line n, level
            li $1, (\level << 8) | \n
            sd $1, 24($30)
        .endm

        # await_compiled label: holds until the block at label runs compiled (Tiered mode compiles in the background)
        .macro await_compiled label
            dla $1, \label
            sd $1, 16($30)
        .endm

        # unexpected code: reports the marker, Cause, EPC and BadVAddr, and ends the run
        .macro unexpected code
            dli $1, 0xbad0000000000000 | \code
            sd $1, 0($30)
            report_c0 $13
            report_dc0 $14
            report_dc0 $8
            done
        .endm

        # tlb_write index, entryhi, phys0, flags0, phys1, flags1, pagemask: TLBWI of one entry mapping the pair
        .macro tlb_write index, hi, phys0, flags0, phys1, flags1, mask=0
            li $1, \index
            mtc0 $1, $0
            dli $1, \hi
            dmtc0 $1, $10
            dli $1, (((\phys0) >> 12) << 6) | (\flags0)
            dmtc0 $1, $2
            dli $1, (((\phys1) >> 12) << 6) | (\flags1)
            dmtc0 $1, $3
            li $1, \mask
            mtc0 $1, $5
            tlbwi
        .endm

        # entrylo reg, label, flags: an EntryLo mapping the 4 KiB page of label (in kseg0, so physical = bits 28:0)
        .macro entrylo reg, label, flags
            dla \reg, \label
            dsll \reg, \reg, 35
            dsrl \reg, \reg, 41         # PFN << 6
            ori \reg, \reg, \flags
        .endm

        # enter_user label, va: maps the 4 KiB page of label (in kseg0) at user address va with TLB entry 0 and
        # ASID 0, and ERETs to it in user mode
        .macro enter_user label, va
            entrylo $1, \label, LO_C | LO_V
            dmtc0 $1, $2
            dmtc0 $0, $3
            mtc0 $0, $0
            mtc0 $0, $5
            dli $1, \va
            dmtc0 $1, $10
            tlbwi
            dmtc0 $1, $14
            li $1, 0x12               # KSU = user, EXL: ERET drops to user mode at EPC
            mtc0 $1, $12
            eret
        .endm

        # skip_instruction: EPC += 4, so that ERET resumes after the instruction that raised the exception
        .macro skip_instruction
            dmfc0 $1, $14
            daddiu $1, $1, 4
            dmtc0 $1, $14
        .endm

        """;

    private const string DefaultRom = """
        .org 0x200
            unexpected 0xbfc00200
        .org 0x280
            unexpected 0xbfc00280
        .org 0x380
            unexpected 0xbfc00380
        .org 0x400
            unexpected 0xbfc00400
        """;

    private readonly EngineMode _mode;
    private readonly PhysicalBus _bus;
    private readonly TestPort _port;
    private readonly SystemCpu _cpu;
    private readonly ExecutionEngine _engine;
    private readonly Vcpu _vcpu;
    private bool _compileWaitTimedOut;
    private bool _abandoned;

    /// <param name="mode">The engine tier(s) that run the program.</param>
    /// <param name="main">The code at <see cref="Start"/>.</param>
    /// <param name="refill">The TLB refill handler (EBase + 0x000, 32 instructions at most).</param>
    /// <param name="xtlbRefill">The XTLB refill handler (EBase + 0x080, 64 instructions at most).</param>
    /// <param name="general">The general exception handler (EBase + 0x180, 32 instructions at most).</param>
    /// <param name="interrupt">The interrupt handler used with Cause.IV (EBase + 0x200).</param>
    /// <param name="rom">The boot ROM's source, linked at <see cref="RomBase"/> (the BEV vectors are at +0x200..0x400).</param>
    /// <param name="cpuNumber">The core's number (EBase.CPUNum).</param>
    /// <param name="hardwareReset">
    /// Leave CP0 as a hardware reset does (Status.BEV and ERL set) instead of as QEMU's direct kernel boot
    /// (Status 0: kernel mode, exceptions at EBase).
    /// </param>
    public BareMetalMachine(EngineMode mode, string main, string? refill = null, string? xtlbRefill = null,
        string? general = null, string? interrupt = null, string? rom = null, int cpuNumber = 0, bool hardwareReset = false)
    {
        _mode = mode;
        _bus = new PhysicalBus(RamBytes, RomBytes);
        _bus.MapRam(0, RamBytes, 0);
        _bus.MapRom(RomPhysical);
        _bus.Load(0, Image(Program(main, refill, xtlbRefill, general, interrupt), Kseg0));
        _bus.Load(RomPhysical, Image(Prelude + (rom ?? DefaultRom), RomBase));

        _cpu = new SystemCpu(_bus, cpuNumber);
        if (!hardwareReset)
        {
            _cpu.Cp0.ResetForDirectBoot();
        }

        _cpu.State->Pc = Start;
        _engine = new ExecutionEngine(_cpu.Mmu, new EngineOptions { Mode = mode, FullSystem = true, CompileThreshold = 2 });
        _vcpu = new Vcpu(_cpu, _engine);
        _port = new TestPort(() => _vcpu.Stop(VcpuExit.PowerOff), AwaitCompiled, _cpu.SetInput);
        _bus.MapDevice(TestPortPhysical, TestPort.Length, _port);
    }

    public SystemCpu Cpu => _cpu;

    public ExecutionEngine Engine => _engine;

    /// <summary>
    /// Runs the program until it writes the done register and returns what it reported. Fails the test when it
    /// does not finish within the timeout, when the vCPU stops for another reason, or when an exception reached
    /// a vector the program has no handler for.
    /// </summary>
    public IReadOnlyList<ulong> Run()
    {
        VcpuExit? exit = null;
        ExceptionDispatchInfo? crash = null;
        var thread = new Thread(() =>
        {
            try
            {
                exit = _vcpu.Run();
            }
            catch (Exception e)
            {
                crash = ExceptionDispatchInfo.Capture(e);
            }
        })
        { IsBackground = true, Name = "bare-metal vcpu" };
        thread.Start();
        if (!thread.Join(s_timeout))
        {
            _vcpu.Stop(VcpuExit.HostStop);
            _abandoned = !thread.Join(s_timeout);
            Assert.Fail($"The guest did not finish within {s_timeout.TotalSeconds} s (PC 0x{_cpu.State->Pc:x}); it reported {Describe(_port.Results)}.");
        }

        crash?.Throw();
        IReadOnlyList<ulong> results = _port.Results;
        TestContext.Out.WriteLine($"{_mode}: reported {Describe(results)}");
        Assert.That(_port.Overflowed, Is.False, "the program reported without end (an exception loop?)");
        int unexpected = results.ToList().FindIndex(r => (r & 0xFFFF_0000_0000_0000) == UnexpectedMarker);
        if (unexpected >= 0 && results.Count >= unexpected + 4)
        {
            ulong code = results[unexpected] & ~UnexpectedMarker;
            string where = code == FellThrough ? "main ran past its end" : $"unexpected exception at vector 0x{code:x}";
            Assert.Fail($"{where}: Cause 0x{results[unexpected + 1]:x} EPC 0x{results[unexpected + 2]:x} BadVAddr 0x{results[unexpected + 3]:x}; reported {Describe(results)}.");
        }

        Assert.That(exit, Is.EqualTo(VcpuExit.PowerOff));
        Assert.That(_compileWaitTimedOut, Is.False, "the block the program waited for was never compiled");
        return results;
    }

    public void Dispose()
    {
        if (_abandoned)
        {
            return; // the vCPU thread still runs on this memory: leak it rather than pull it away
        }

        _engine.Dispose();
        _cpu.Dispose();
        _bus.Dispose();
    }

    private static string Program(string main, string? refill, string? xtlbRefill, string? general, string? interrupt) => $"""
        {Prelude}
        .org 0x000
        {refill ?? "unexpected 0x80000000"}
        .org 0x080
        {xtlbRefill ?? "unexpected 0x80000080"}
        .org 0x180
        {general ?? "unexpected 0x80000180"}
        .org 0x200
        {interrupt ?? "unexpected 0x80000200"}
        .org 0x1000
            lui $30, 0xbf00 # the test port in kseg1
        {main}
            unexpected {FellThrough}
        """;

    private static byte[] Image(string source, ulong address) =>
        s_images.GetOrAdd((source, address), key => GuestAssembler.Assemble(key.Source, key.Address));

    /// <summary>The results in hex, the first hundred of them.</summary>
    private static string Describe(IReadOnlyList<ulong> results) =>
        results.Count == 0 ? "nothing"
            : string.Join(", ", results.Take(100).Select(r => $"0x{r:x}")) + (results.Count > 100 ? ", ..." : "");

    /// <summary>The test port's compile barrier, on the vCPU thread: returns once the block at <paramref name="address"/> is compiled.</summary>
    private void AwaitCompiled(ulong address)
    {
        if (_mode == EngineMode.Interpreter)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        while (_engine.Cache.Lookup(address)?.Compiled is null)
        {
            if (clock.Elapsed > s_timeout / 2)
            {
                _compileWaitTimedOut = true;
                return;
            }

            Thread.Sleep(1);
        }
    }
}
