using LoongsonDbt.Runtime.Memory;

namespace LoongsonDbt.Devices.Power;

/// <summary>
/// QEMU's loongson3_pm block (PLATFORM.md §7.3): the boot ROM's shutdown and warm-reset routines, which
/// Linux calls through LEFI, store 0xFF or 0x00 to PM_CNTL_MODE. The machine decides what a request
/// means for it; this device only reports it.
/// </summary>
public sealed class PowerManagement : IMmioDevice
{
    /// <summary>Bytes the register window spans.</summary>
    public const int WindowSize = 0x100;

    private const ulong ControlMode = 0x10;
    private const byte PowerOffValue = 0xFF;
    private const byte ResetValue = 0x00;

    private readonly Action<PowerRequest> _request;

    /// <param name="request">Called on the vCPU thread that stored the request.</param>
    public PowerManagement(Action<PowerRequest> request) => _request = request;

    /// <summary>Byte accesses only (QEMU answers other sizes with a bus error); everything reads 0.</summary>
    public bool TryRead(ulong offset, int size, out ulong value)
    {
        value = 0;
        return size == 1 && offset < WindowSize;
    }

    /// <summary>Only PM_CNTL_MODE acts, and only on its two values; other stores are ignored.</summary>
    public bool TryWrite(ulong offset, int size, ulong value)
    {
        if (size != 1 || offset >= WindowSize)
        {
            return false;
        }

        if (offset == ControlMode)
        {
            switch ((byte)value)
            {
                case PowerOffValue:
                    _request(PowerRequest.PowerOff);
                    break;
                case ResetValue:
                    _request(PowerRequest.Reset);
                    break;
            }
        }

        return true;
    }
}
