using LoongsonDbt.Runtime.Memory;

namespace LoongsonDbt.Runtime.Cpu;

/// <summary>
/// The root coprocessor 0 of a Loongson-3A1000 core (PLATFORM.md 5): the registers the kernel reads
/// and writes with their reset values and writable masks, the TLB instructions, and the MIPS64
/// exception and interrupt model (MIPS64 Volume III, chapters 6 and 9). Registers Linux never uses on
/// this core read as zero and ignore writes, as QEMU's model does.
/// </summary>
public sealed unsafe class Cp0 : IDisposable
{
    public const uint ProcessorId = 0x0000_6305;

    // Config0..3 as QEMU's Loongson-3A1000 reports them (PLATFORM.md 5): MIPS64r2 with a 64-entry TLB,
    // 64 KiB 4-way caches, FPU, watch registers; Config3 only LPA (no VZ, no ULRI, no Config4).
    private const uint Config0 = 0x8000_4482;
    private const uint Config1 = 0xFEE3_719B;
    private const uint Config2 = 0x8000_0743;
    private const uint Config3 = 0x0000_0080;

    // Status bits
    public const uint StatusIE = 1 << 0;
    public const uint StatusEXL = 1 << 1;
    public const uint StatusERL = 1 << 2;
    public const uint StatusUX = 1 << 5;
    public const uint StatusBEV = 1 << 22;
    public const uint StatusCU1 = 1 << 29;
    public const uint StatusCU0 = 1 << 28;

    private const uint StatusWritable = 0x74D8_FFFF;
    private const uint CauseWritable = (1u << 23) | (1u << 27) | 0x300; // IV, DC, IP1:0
    private const uint CauseBD = 1u << 31;
    private const uint CauseTI = 1u << 30;
    private const uint TimerLine = 7; // IntCtl.IPTI
    private const ulong EBaseWritable = 0x3FFF_F000;
    private const ulong ContextPteBase = ~0x7F_FFFFUL;
    private const ulong XContextPteBase = ~0UL << (Tlb.SegmentBits - 7);

    private readonly CpuState* _state;
    private readonly Tlb _tlb;
    private readonly SystemMmu _mmu;
    private readonly CountCompareTimer _timer;
    private uint _random = Tlb.Size - 1;
    private int _hardwareLines;

    /// <summary>Cause's own bits (BD, CE, ExcCode, IV, DC, IP1:0); the hardware lines are folded in on reads.</summary>
    private uint _cause;

    public Cp0(CpuState* state, Tlb tlb, SystemMmu mmu, int cpuNumber)
    {
        _state = state;
        _tlb = tlb;
        _mmu = mmu;
        _timer = new CountCompareTimer(OnTimerExpired);
        EBase = 0xFFFF_FFFF_8000_0000UL | (uint)cpuNumber;
        Status = 0x0040_0004; // BEV, ERL: the hardware reset value
        PageGrain = 0x2000_0000;
        Apply();
    }

    /// <summary>Raised (from any thread) when an interrupt became deliverable; the vCPU must come back to take it.</summary>
    public event Action? InterruptRequested;

    public ulong Index { get; private set; }

    public ulong EntryLo0 { get; private set; }

    public ulong EntryLo1 { get; private set; }

    public ulong Context { get; private set; }

    public ulong PageMask { get; private set; }

    public ulong PageGrain { get; private set; }

    public uint Wired { get; private set; }

    public uint HwrEna { get; private set; }

    public ulong BadVAddr { get; private set; }

    public ulong EntryHi { get; private set; }

    public uint Status { get; private set; }

    public uint IntCtl { get; private set; } = 0xE000_0000;

    public ulong Epc { get; set; }

    public ulong EBase { get; private set; }

    public ulong XContext { get; private set; }

    public ulong ErrorEpc { get; set; }

    /// <summary>Cause with the live interrupt lines folded in; TI follows IP7, which only the timer drives.</summary>
    public uint Cause
    {
        get
        {
            _timer.Poll();
            uint lines = (uint)Volatile.Read(ref _hardwareLines);
            return (_cause & ~(0xFC00u | CauseTI)) | (lines << 8) | ((lines >> (int)TimerLine) & 1) << 30;
        }
    }

    public bool UserMode => (Status & 0x18) == 0x10 && (Status & (StatusEXL | StatusERL)) == 0;

    /// <summary>Status says the CPU takes an interrupt that is pending now.</summary>
    public bool InterruptPending =>
        (Status & (StatusIE | StatusEXL | StatusERL)) == StatusIE && (Status & Cause & 0xFF00) != 0;

    /// <summary>Puts the CPU as QEMU's direct kernel boot leaves it: Status 0 (kernel mode, no BEV, no ERL).</summary>
    public void ResetForDirectBoot()
    {
        Status = 0;
        Apply();
    }

    /// <summary>Drives hardware interrupt line IP<paramref name="line"/> (2..7); any thread.</summary>
    public void SetLine(int line, bool asserted)
    {
        int bit = 1 << line;
        int before = asserted ? Interlocked.Or(ref _hardwareLines, bit) : Interlocked.And(ref _hardwareLines, ~bit);
        if (asserted && (before & bit) == 0)
        {
            InterruptRequested?.Invoke();
        }
    }

    public ulong Read(int register, int select)
    {
        switch ((register << 3) | select)
        {
            case 0 << 3: return Sx32((uint)Index); // a 32-bit register: Index.P reads as a sign bit
            case 1 << 3: return Random();
            case 2 << 3: return EntryLo0;
            case 3 << 3: return EntryLo1;
            case 4 << 3: return Context;
            case 5 << 3: return PageMask;
            case (5 << 3) | 1: return PageGrain;
            case 6 << 3: return Wired;
            case 7 << 3: return HwrEna;
            case 8 << 3: return BadVAddr;
            case 9 << 3: return Sx32(_timer.Count);
            case 10 << 3: return EntryHi;
            case 11 << 3: return Sx32(_timer.Compare);
            case 12 << 3: return Sx32(Status);
            case (12 << 3) | 1: return Sx32(IntCtl);
            case 13 << 3: return Sx32(Cause);
            case 14 << 3: return Epc;
            case 15 << 3: return ProcessorId;
            case (15 << 3) | 1: return EBase;
            case 16 << 3: return Sx32(Config0);
            case (16 << 3) | 1: return Sx32(Config1);
            case (16 << 3) | 2: return Sx32(Config2);
            case (16 << 3) | 3: return Config3;
            case 20 << 3: return XContext;
            case 30 << 3: return ErrorEpc;
            default: return 0;
        }
    }

    public void Write(int register, int select, ulong value)
    {
        switch ((register << 3) | select)
        {
            case 0 << 3:
                Index = (Index & 0x8000_0000) | (value & (Tlb.Size - 1));
                break;
            case 2 << 3:
                EntryLo0 = value & Tlb.EntryLoMask;
                break;
            case 3 << 3:
                EntryLo1 = value & Tlb.EntryLoMask;
                break;
            case 4 << 3:
                Context = (Context & ~ContextPteBase) | (value & ContextPteBase);
                break;
            case 5 << 3:
                PageMask = value & 0x1FFF_E000;
                break;
            case (5 << 3) | 1:
                PageGrain = value & 0x2000_0000; // only ELPA is writable on the 3A1000
                break;
            case 6 << 3:
                Wired = (uint)value & (Tlb.Size - 1);
                _random = Tlb.Size - 1;
                break;
            case 7 << 3:
                HwrEna = (uint)value & 0xF;
                Apply();
                break;
            case 9 << 3:
                _timer.Count = (uint)value;
                break;
            case 10 << 3:
                EntryHi = value & Tlb.EntryHiMask;
                Apply();
                break;
            case 11 << 3:
                _timer.Compare = (uint)value; // also acknowledges the timer interrupt
                SetLine((int)TimerLine, false);
                break;
            case 12 << 3:
                Status = (Status & ~StatusWritable) | ((uint)value & StatusWritable);
                Apply();
                break;
            case (12 << 3) | 1:
                IntCtl = (IntCtl & ~0x3E0u) | ((uint)value & 0x3E0);
                break;
            case 13 << 3:
                _cause = (_cause & ~CauseWritable) | ((uint)value & CauseWritable);
                CheckInterrupt();
                break;
            case 14 << 3:
                Epc = value;
                break;
            case (15 << 3) | 1:
                EBase = (EBase & ~EBaseWritable) | (value & EBaseWritable);
                break;
            case 20 << 3:
                XContext = (XContext & ~XContextPteBase) | (value & XContextPteBase);
                break;
            case 30 << 3:
                ErrorEpc = value;
                break;
        }
    }

    public void TlbRead()
    {
        ref TlbEntry entry = ref _tlb[(int)Index];
        ulong global = entry.Global ? 1UL : 0;
        EntryHi = entry.EntryHi;
        PageMask = entry.PageMask;
        EntryLo0 = (entry.EntryLo0 & ~1UL) | global;
        EntryLo1 = (entry.EntryLo1 & ~1UL) | global;
        Apply(); // the ASID may have changed
    }

    public void TlbWriteIndexed() => WriteEntry((int)Index);

    public void TlbWriteRandom() => WriteEntry((int)Random());

    public void TlbProbe()
    {
        int index = -1;
        for (int i = 0; i < Tlb.Size; i++)
        {
            ref TlbEntry entry = ref _tlb[i];
            if (entry.Matches(EntryHi, (byte)EntryHi))
            {
                index = i;
                break;
            }
        }

        Index = index < 0 ? 0x8000_0000UL | (Index & (Tlb.Size - 1)) : (ulong)index;
    }

    /// <summary>
    /// Takes the exception recorded in the CPU state: EPC and Cause.BD (unless already at exception level),
    /// Cause.ExcCode/CE, Status.EXL, the TLB fault registers, and the PC at the right vector.
    /// </summary>
    public void TakeException()
    {
        GuestException exception = _state->Exception;
        int code = (int)exception;
        ulong offset = 0x180;
        if (exception is GuestException.TlbLoad or GuestException.TlbStore or GuestException.TlbModified)
        {
            ulong address = _state->BadVAddr;
            bool refill = exception != GuestException.TlbModified && _tlb.Find(address, (byte)EntryHi) < 0;
            if (refill && (Status & StatusEXL) == 0)
            {
                offset = UsesExtendedRefill(address) ? 0x080UL : 0x000UL;
            }

            RecordTlbFault(address);
        }
        else if (exception is GuestException.AddressErrorLoad or GuestException.AddressErrorStore)
        {
            BadVAddr = _state->BadVAddr;
        }

        Enter(code, offset, _state->ExceptionPc, _state->ExceptionInDelaySlot != 0,
            exception == GuestException.CoprocessorUnusable ? _state->ExceptionCoprocessor : 0);
    }

    /// <summary>Takes a pending interrupt at the current PC (always a block boundary, never a delay slot).</summary>
    public void TakeInterrupt() => Enter((int)GuestException.Interrupt, (_cause & (1u << 23)) != 0 ? 0x200UL : 0x180UL, _state->Pc, false, 0);

    /// <summary>ERET: back from the error or exception level; the LL bit is cleared so an SC across an exception fails.</summary>
    public void ReturnFromException()
    {
        if ((Status & StatusERL) != 0)
        {
            _state->Pc = ErrorEpc;
            Status &= ~StatusERL;
        }
        else
        {
            _state->Pc = Epc;
            Status &= ~StatusEXL;
        }

        _state->LLBit = 0;
        Apply();
    }

    public void Dispose() => _timer.Dispose();

    private void Enter(int code, ulong offset, ulong pc, bool inDelaySlot, int coprocessor)
    {
        if ((Status & StatusEXL) == 0)
        {
            Epc = pc;
            _cause = inDelaySlot ? _cause | CauseBD : _cause & ~CauseBD;
        }

        _cause = (_cause & ~(0x7Cu | (3u << 28))) | ((uint)code << 2) | ((uint)coprocessor << 28);
        Status |= StatusEXL;
        ulong vectorBase = (Status & StatusBEV) != 0 ? 0xFFFF_FFFF_BFC0_0200UL : (EBase & ~0xFFFUL);
        _state->Pc = vectorBase + offset;
        _state->Exception = GuestException.None;
        Apply();
    }

    /// <summary>XTLB refill for addresses in a 64-bit segment enabled by KX/SX/UX (as QEMU decides it).</summary>
    private bool UsesExtendedRefill(ulong address) => (address >> 62) switch
    {
        0 => (Status & StatusUX) != 0,
        1 => (Status & (1 << 6)) != 0,
        3 => (Status & (1 << 7)) != 0,
        _ => false,
    };

    private void RecordTlbFault(ulong address)
    {
        BadVAddr = address;
        Context = (Context & ContextPteBase) | ((address >> 9) & 0x7F_FFF0);
        XContext = (XContext & XContextPteBase)
            | ((address >> 62) << (Tlb.SegmentBits - 9))
            | (((address >> 13) & ((1UL << (Tlb.SegmentBits - 13)) - 1)) << 4);
        EntryHi = ((address & ~0x1FFFUL) & Tlb.EntryHiMask) | (EntryHi & 0xFF);
    }

    private void WriteEntry(int index)
    {
        ref TlbEntry entry = ref _tlb[index];
        _mmu.FlushEntry(entry);
        ulong pairMask = ~(PageMask | 0x1FFF);
        entry = new TlbEntry
        {
            EntryHi = EntryHi & (pairMask | 0xFF | (3UL << 62)),
            PageMask = PageMask,
            EntryLo0 = EntryLo0,
            EntryLo1 = EntryLo1,
            Written = true,
        };
    }

    /// <summary>Random counts down from the top to Wired on every read and TLBWR, then wraps.</summary>
    private uint Random()
    {
        uint value = _random;
        _random = _random <= Wired ? Tlb.Size - 1 : _random - 1;
        return value;
    }

    /// <summary>Pushes what the translation, the FPU check and RDHWR depend on into the MMU and the CPU state.</summary>
    private void Apply()
    {
        bool user = UserMode;
        _mmu.SetContext(user, (Status & StatusERL) != 0, (Status >> 5) & 7, (byte)EntryHi);
        _state->FpuUsable = (Status & StatusCU1) != 0 ? 1 : 0;
        _state->ReadableHardwareRegisters = user ? HwrEna : uint.MaxValue;
        CheckInterrupt();
    }

    private void CheckInterrupt()
    {
        if (InterruptPending)
        {
            InterruptRequested?.Invoke();
        }
    }

    private void OnTimerExpired() => SetLine((int)TimerLine, true);

    private static ulong Sx32(uint value) => (ulong)(long)(int)value;
}
