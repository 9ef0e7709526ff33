using System.Runtime.InteropServices;

namespace LoongsonDbt.Runtime.Memory;

/// <summary>
/// A machine's physical address space: RAM and boot ROM in one native allocation (so one code-page
/// table covers everything code can run from), windows of it mapped at physical addresses, and
/// device windows. A later mapping shadows an earlier one, so read-as-zero backgrounds go first.
/// Addresses nothing claims are unassigned: an access there is a bus error.
/// </summary>
public sealed unsafe class PhysicalBus : IDisposable
{
    private readonly List<Window> _windows = [];
    private readonly byte[] _codePages;
    private Window[] _lookup = [];
    private void* _allocation;

    public PhysicalBus(ulong ramBytes, ulong romBytes)
    {
        if (ramBytes % GuestMemory.PageSize != 0 || romBytes % GuestMemory.PageSize != 0)
        {
            throw new ArgumentException("RAM and ROM sizes must be whole pages");
        }

        RamBytes = ramBytes;
        RomBytes = romBytes;
        // calloc leaves large blocks to fresh zero pages the host commits on first touch, so a guest with
        // 1 GiB of RAM costs what it uses; the extra page lets the storage start page-aligned.
        _allocation = NativeMemory.AllocZeroed((nuint)(ramBytes + romBytes + GuestMemory.PageSize));
        Storage = (byte*)(((nuint)_allocation + (nuint)GuestMemory.PageSize - 1) & ~((nuint)GuestMemory.PageSize - 1));
        _codePages = new byte[(ramBytes + romBytes) / GuestMemory.PageSize];
    }

    public ulong RamBytes { get; }

    public ulong RomBytes { get; }

    /// <summary>RAM followed by ROM.</summary>
    public byte* Storage { get; private set; }

    public byte* Ram => Storage;

    public byte* Rom => Storage + RamBytes;

    /// <summary>Makes RAM bytes [ramOffset, ramOffset + length) visible at <paramref name="physical"/>.</summary>
    public void MapRam(ulong physical, ulong length, ulong ramOffset)
    {
        if (ramOffset + length > RamBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(length), "the window reaches beyond RAM");
        }

        Add(new Window(physical, length, WindowKind.Ram, Storage + ramOffset, null));
    }

    /// <summary>Makes the ROM visible at <paramref name="physical"/>; the guest cannot write it.</summary>
    public void MapRom(ulong physical) => Add(new Window(physical, RomBytes, WindowKind.Rom, Rom, null));

    public void MapDevice(ulong physical, ulong length, IMmioDevice device) =>
        Add(new Window(physical, length, WindowKind.Device, null, device));

    /// <summary>What answers at <paramref name="physical"/>.</summary>
    public BusTarget Resolve(ulong physical)
    {
        Window[] windows = _lookup;
        for (int i = windows.Length - 1; i >= 0; i--)
        {
            Window window = windows[i];
            ulong offset = physical - window.Start;
            if (offset < window.Length)
            {
                return new BusTarget(window.Kind, window.Host is null ? null : window.Host + offset, window.Device, offset);
            }
        }

        return default;
    }

    /// <summary>Copies bytes into RAM or ROM behind <paramref name="physical"/> (loading a boot image).</summary>
    public void Load(ulong physical, ReadOnlySpan<byte> bytes)
    {
        for (int done = 0; done < bytes.Length;)
        {
            BusTarget target = Resolve(physical + (ulong)done);
            if (target.Host is null)
            {
                throw new ArgumentOutOfRangeException(nameof(physical), $"physical 0x{physical + (ulong)done:x} is not RAM or ROM");
            }

            int count = (int)Math.Min((ulong)(bytes.Length - done), GuestMemory.PageSize - ((physical + (ulong)done) & ~GuestMemory.PageMask));
            bytes.Slice(done, count).CopyTo(new Span<byte>(target.Host, count));
            done += count;
        }
    }

    /// <summary>Whether the storage page at <paramref name="hostPage"/> holds code that was translated.</summary>
    public bool HoldsCode(nint hostPage) => _codePages[PageIndex(hostPage)] != 0;

    public void SetHoldsCode(nint hostPage, bool holdsCode) => _codePages[PageIndex(hostPage)] = holdsCode ? (byte)1 : (byte)0;

    /// <summary>Whether <paramref name="host"/> points into this bus's storage.</summary>
    public bool Contains(nint host) => (ulong)(host - (nint)Storage) < RamBytes + RomBytes;

    public void Dispose()
    {
        if (_allocation != null)
        {
            NativeMemory.Free(_allocation);
            _allocation = null;
            Storage = null;
        }
    }

    private long PageIndex(nint hostPage) => (hostPage - (nint)Storage) >> GuestMemory.PageShift;

    private void Add(Window window)
    {
        _windows.Add(window);
        _lookup = [.. _windows];
    }

    private sealed class Window(ulong start, ulong length, WindowKind kind, byte* host, IMmioDevice? device)
    {
        public ulong Start { get; } = start;

        public ulong Length { get; } = length;

        public WindowKind Kind { get; } = kind;

        public byte* Host { get; } = host;

        public IMmioDevice? Device { get; } = device;
    }
}

public enum WindowKind
{
    Unassigned,
    Ram,
    Rom,
    Device,
}

/// <summary>The result of a bus lookup: host memory for RAM and ROM, the device and offset for a device window.</summary>
public readonly unsafe struct BusTarget(WindowKind kind, byte* host, IMmioDevice? device, ulong offset)
{
    public WindowKind Kind { get; } = kind;

    public byte* Host { get; } = host;

    public IMmioDevice? Device { get; } = device;

    public ulong Offset { get; } = offset;
}
