using System.Runtime.InteropServices;
using LoongsonDbt.Runtime.Cpu;

namespace LoongsonDbt.Runtime.Memory;

/// <summary>
/// The memory of a full-system guest as one CPU sees it: the MIPS64 address segments and the
/// architectural <see cref="Tlb"/> in front of the <see cref="PhysicalBus"/>, cached in two software
/// TLBs (kernel and user mode, swapped on mode changes) that the execution tiers hit inline. A soft
/// entry exists only for RAM and ROM; device windows always take the slow path. Software entries are
/// flushed exactly when what they cache can change: the ASID, a TLB write, Status.ERL.
/// </summary>
public sealed unsafe class SystemMmu : IGuestMemory, IDisposable
{
    private const ulong CompatibilityBase = 0xFFFF_FFFF_8000_0000;
    private const ulong Kseg1Base = 0xFFFF_FFFF_A000_0000;
    private const ulong KssegBase = 0xFFFF_FFFF_C000_0000;
    private const ulong SegmentMask = (1UL << Tlb.SegmentBits) - 1;
    private const ulong PhysicalMask = (1UL << Tlb.PhysicalBits) - 1;

    private readonly PhysicalBus _bus;
    private readonly Tlb _tlb;
    private readonly SoftTlbEntry* _kernelTlb;
    private readonly SoftTlbEntry* _userTlb;
    private CpuState* _state;
    private GCHandle _self;
    private bool _user;
    private bool _errorLevel;
    private uint _segmentEnables;
    private byte _asid;

    public SystemMmu(PhysicalBus bus, Tlb tlb)
    {
        _bus = bus;
        _tlb = tlb;
        nuint bytes = (nuint)(GuestMemory.TlbEntries * sizeof(SoftTlbEntry));
        _kernelTlb = (SoftTlbEntry*)NativeMemory.AlignedAlloc(bytes, 64);
        _userTlb = (SoftTlbEntry*)NativeMemory.AlignedAlloc(bytes, 64);
        SoftTlbEntry.Flush(_kernelTlb);
        SoftTlbEntry.Flush(_userTlb);
        _self = GCHandle.Alloc(this);
    }

    public event Action<ulong>? CodePageWritten;

    public PhysicalBus Bus => _bus;

    /// <summary>Software-TLB misses served (for the profile).</summary>
    public long Misses { get; private set; }

    public void Attach(CpuState* state)
    {
        _state = state;
        state->Tlb = _user ? _userTlb : _kernelTlb;
        state->MemoryHandle = GCHandle.ToIntPtr(_self);
    }

    /// <summary>Status.UX, SX and KX as <see cref="SetContext"/> takes them: the 64-bit segments each mode may use.</summary>
    public const uint User64 = 1, Supervisor64 = 2, Kernel64 = 4;

    /// <summary>
    /// Takes the translation context from CP0: user or kernel mode (which software TLB is live),
    /// Status.ERL (kuseg unmapped), Status.KX/SX/UX (<paramref name="segmentEnables"/>) and the ASID of EntryHi.
    /// </summary>
    public void SetContext(bool user, bool errorLevel, uint segmentEnables, byte asid)
    {
        if (asid != _asid || errorLevel != _errorLevel || segmentEnables != _segmentEnables)
        {
            SoftTlbEntry.Flush(_kernelTlb);
            SoftTlbEntry.Flush(_userTlb);
        }

        _user = user;
        _errorLevel = errorLevel;
        _segmentEnables = segmentEnables;
        _asid = asid;
        if (_state != null)
        {
            _state->Tlb = user ? _userTlb : _kernelTlb;
        }
    }

    /// <summary>Forgets software entries for the pages a TLB entry maps (before it is overwritten).</summary>
    public void FlushEntry(in TlbEntry entry)
    {
        ulong size = entry.PageSize * 2;
        if (!entry.Written)
        {
            return;
        }

        if (size > GuestMemory.TlbEntries * GuestMemory.PageSize)
        {
            FlushAll();
            return;
        }

        ulong start = entry.EntryHi & ~(size - 1) & ~0xFFUL;
        ulong sign = (entry.EntryHi >> 62) == 3 ? ~SegmentMask : 0;
        for (ulong page = start; page < start + size; page += GuestMemory.PageSize)
        {
            // Compatibility-segment addresses (kseg3/ksseg) are sign-extended in EntryHi's R bits.
            InvalidateEntry(_kernelTlb, page | sign);
            InvalidateEntry(_userTlb, page);
            InvalidateEntry(_kernelTlb, page);
        }
    }

    public void FlushAll()
    {
        SoftTlbEntry.Flush(_kernelTlb);
        SoftTlbEntry.Flush(_userTlb);
    }

    public ulong LoadSlow(CpuState* state, ulong address, int size)
    {
        Misses++;
        if ((address & (ulong)(size - 1)) != 0)
        {
            return Fault(state, GuestException.AddressErrorLoad, address);
        }

        if (!Translate(state, address, Access.Read, out ulong physical, out bool dirty))
        {
            return 0;
        }

        BusTarget target = _bus.Resolve(physical);
        switch (target.Kind)
        {
            case WindowKind.Ram:
            case WindowKind.Rom:
                Install(address, target.Host, writable: dirty && target.Kind == WindowKind.Ram);
                return Read(target.Host, size);
            case WindowKind.Device when target.Device!.TryRead(target.Offset, size, out ulong value):
                return value;
            default:
                return Fault(state, GuestException.DataBusError, address);
        }
    }

    public void StoreSlow(CpuState* state, ulong address, int size, ulong value)
    {
        Misses++;
        if ((address & (ulong)(size - 1)) != 0)
        {
            Fault(state, GuestException.AddressErrorStore, address);
            return;
        }

        if (!Translate(state, address, Access.Write, out ulong physical, out _))
        {
            return;
        }

        BusTarget target = _bus.Resolve(physical);
        switch (target.Kind)
        {
            case WindowKind.Ram:
                nint page = (nint)target.Host & ~(nint)(GuestMemory.PageSize - 1);
                if (_bus.HoldsCode(page))
                {
                    _bus.SetHoldsCode(page, false);
                    CodePageWritten?.Invoke((ulong)page);
                }

                Install(address, target.Host, writable: true);
                Write(target.Host, size, value);
                return;
            case WindowKind.Rom:
                return; // the boot ROM ignores writes
            case WindowKind.Device when target.Device!.TryWrite(target.Offset, size, value):
                return;
            default:
                Fault(state, GuestException.DataBusError, address);
                return;
        }
    }

    public bool TryFetch(ulong address, out uint word)
    {
        byte* host = (address & 3) == 0 ? CodeHost(address) : null;
        word = host != null ? *(uint*)host : 0;
        return host != null;
    }

    public ulong CodePageOf(ulong address)
    {
        byte* host = CodeHost(address);
        return host != null ? (ulong)host & GuestMemory.PageMask : throw new InvalidOperationException($"0x{address:x} holds no code");
    }

    /// <summary>The unmapped kernel segments (kseg0, kseg1, xkphys) map the same way in every context.</summary>
    public bool HasFixedMapping(ulong address) =>
        !_user && IsUnmappedKernelSegment(address) && (address >> 62 != 2 || (_segmentEnables & Kernel64) != 0);

    public static bool IsUnmappedKernelSegment(ulong address) =>
        address >> 62 == 2 || (address >= CompatibilityBase && address < KssegBase);

    public bool TryTranslateFetch(CpuState* state, ulong pc, out ulong codePage)
    {
        byte* cached = (pc & 3) == 0 ? SoftTlbHit(state->Tlb, pc) : null;
        if (cached != null)
        {
            codePage = (ulong)cached & GuestMemory.PageMask;
            return true;
        }

        codePage = 0;
        if ((pc & 3) != 0)
        {
            Fault(state, GuestException.AddressErrorLoad, pc);
            return false;
        }

        if (!Translate(state, pc, Access.Fetch, out ulong physical, out bool dirty))
        {
            return false;
        }

        BusTarget target = _bus.Resolve(physical);
        if (target.Host is null)
        {
            state->Exception = GuestException.InstructionBusError;
            return false;
        }

        Install(pc, target.Host, writable: dirty && target.Kind == WindowKind.Ram);
        codePage = (ulong)target.Host & GuestMemory.PageMask;
        return true;
    }

    /// <summary>
    /// Where the code at <paramref name="address"/> lives in host memory for the current mode, or null. The
    /// translator reads a block word by word right after the dispatcher's fetch check installed the software
    /// entry, so that entry answers and the architectural TLB is walked only when it does not.
    /// </summary>
    private byte* CodeHost(ulong address)
    {
        byte* cached = SoftTlbHit(_state->Tlb, address);
        return cached != null ? cached
            : Translate(null, address, Access.Fetch, out ulong physical, out _) ? _bus.Resolve(physical).Host
            : null;
    }

    /// <summary>The host address of <paramref name="address"/> when the software TLB maps its page for reading, else null.</summary>
    private static byte* SoftTlbHit(SoftTlbEntry* tlb, ulong address)
    {
        SoftTlbEntry* entry = tlb + ((address >> GuestMemory.PageShift) & (GuestMemory.TlbEntries - 1));
        return entry->ReadTag == (address & GuestMemory.PageMask) ? (byte*)((long)address + entry->Addend) : null;
    }

    /// <summary>Marks a storage page as holding translated code: every software entry that writes it must now miss.</summary>
    public void MarkCodePage(ulong codePage)
    {
        if (!_bus.Contains((nint)codePage) || _bus.HoldsCode((nint)codePage))
        {
            return;
        }

        _bus.SetHoldsCode((nint)codePage, true);
        ProtectCode(_kernelTlb, codePage);
        ProtectCode(_userTlb, codePage);
    }

    public void Dispose()
    {
        if (_self.IsAllocated)
        {
            _self.Free();
        }

        NativeMemory.AlignedFree(_kernelTlb);
        NativeMemory.AlignedFree(_userTlb);
    }

    /// <summary>
    /// Virtual to physical for the current mode (MIPS64 Volume III, 4.3 and 4.9). On failure it records the
    /// exception in <paramref name="state"/> when there is one (the translator's probes pass none).
    /// </summary>
    private bool Translate(CpuState* state, ulong address, Access access, out ulong physical, out bool dirty)
    {
        physical = 0;
        dirty = true;
        GuestException addressError = access == Access.Write ? GuestException.AddressErrorStore : GuestException.AddressErrorLoad;
        switch (address >> 62)
        {
            case 0: // useg, and xuseg above it when Status.UX allows (in every mode)
                if ((address >= 0x8000_0000 && (_segmentEnables & User64) == 0) || address > SegmentMask)
                {
                    return FaultIf(state, addressError, address);
                }

                if (_errorLevel && address < 0x8000_0000)
                {
                    physical = address; // Status.ERL: kuseg is unmapped, as the boot code after reset sees it
                    return true;
                }

                return Mapped(state, address, access, out physical, out dirty);
            case 2: // xkphys, with Status.KX: bits 61:59 are the cache attribute
                if (_user || (_segmentEnables & Kernel64) == 0 || (address & 0x07FF_0000_0000_0000UL) != 0)
                {
                    return FaultIf(state, addressError, address);
                }

                physical = address & PhysicalMask;
                return true;
            default:
                if (_user)
                {
                    return FaultIf(state, addressError, address);
                }

                if (address >= CompatibilityBase)
                {
                    if (address < KssegBase)
                    {
                        physical = address & 0x1FFF_FFFF; // kseg0 and kseg1
                        return true;
                    }

                    return Mapped(state, address, access, out physical, out dirty);
                }

                // xsseg (01, with Status.SX) and xkseg (11, with Status.KX): mapped up to SEGBITS
                uint enable = address >> 62 == 1 ? Supervisor64 : Kernel64;
                return (address & 0x3FFF_FFFF_FFFF_FFFFUL) <= SegmentMask && (_segmentEnables & enable) != 0
                    ? Mapped(state, address, access, out physical, out dirty)
                    : FaultIf(state, addressError, address);
        }
    }

    private bool Mapped(CpuState* state, ulong address, Access access, out ulong physical, out bool dirty)
    {
        physical = 0;
        dirty = false;
        GuestException tlbFault = access == Access.Write ? GuestException.TlbStore : GuestException.TlbLoad;
        int index = _tlb.Find(address, _asid);
        if (index < 0)
        {
            return FaultIf(state, tlbFault, address);
        }

        ref TlbEntry entry = ref _tlb[index];
        ulong entryLo = entry.EntryLoFor(address);
        if ((entryLo & 2) == 0)
        {
            return FaultIf(state, tlbFault, address);
        }

        dirty = (entryLo & 4) != 0;
        if (access == Access.Write && !dirty)
        {
            return FaultIf(state, GuestException.TlbModified, address);
        }

        ulong pageSize = entry.PageSize;
        physical = (((entryLo >> 6) << 12) & ~(pageSize - 1) & PhysicalMask) | (address & (pageSize - 1));
        return true;
    }

    private void Install(ulong address, byte* host, bool writable)
    {
        ulong page = address & GuestMemory.PageMask;
        nint hostPage = (nint)host & ~(nint)(GuestMemory.PageSize - 1);
        bool code = _bus.HoldsCode(hostPage);
        SoftTlbEntry* entry = _state->Tlb + ((address >> GuestMemory.PageShift) & (GuestMemory.TlbEntries - 1));
        *entry = new SoftTlbEntry
        {
            ReadTag = page,
            WriteTag = !writable ? SoftTlbEntry.InvalidFlag : code ? page | SoftTlbEntry.CodePageFlag : page,
            Addend = hostPage - (long)page,
        };
    }

    private static void ProtectCode(SoftTlbEntry* tlb, ulong codePage)
    {
        for (int i = 0; i < GuestMemory.TlbEntries; i++)
        {
            SoftTlbEntry* entry = tlb + i;
            if ((entry->WriteTag & SoftTlbEntry.InvalidFlag) == 0
                && (ulong)((long)(entry->WriteTag & GuestMemory.PageMask) + entry->Addend) == codePage)
            {
                entry->WriteTag |= SoftTlbEntry.CodePageFlag;
            }
        }
    }

    private static void InvalidateEntry(SoftTlbEntry* tlb, ulong page)
    {
        SoftTlbEntry* entry = tlb + ((page >> GuestMemory.PageShift) & (GuestMemory.TlbEntries - 1));
        if ((entry->ReadTag & GuestMemory.PageMask) == page || (entry->WriteTag & GuestMemory.PageMask) == page)
        {
            *entry = SoftTlbEntry.Empty;
        }
    }

    private static bool FaultIf(CpuState* state, GuestException exception, ulong address)
    {
        if (state != null)
        {
            Fault(state, exception, address);
        }

        return false;
    }

    private static ulong Fault(CpuState* state, GuestException exception, ulong address)
    {
        state->Exception = exception;
        state->BadVAddr = address;
        return 0;
    }

    private static ulong Read(byte* host, int size) => size switch
    {
        1 => *host,
        2 => *(ushort*)host,
        4 => *(uint*)host,
        _ => *(ulong*)host,
    };

    private static void Write(byte* host, int size, ulong value)
    {
        switch (size)
        {
            case 1: *host = (byte)value; break;
            case 2: *(ushort*)host = (ushort)value; break;
            case 4: *(uint*)host = (uint)value; break;
            default: *(ulong*)host = value; break;
        }
    }

    private enum Access
    {
        Read,
        Write,
        Fetch,
    }
}
