using LoongsonDbt.Runtime.Interrupts;

namespace LoongsonDbt.Devices.Interrupts;

/// <summary>
/// A device's interrupt output wires, driven from levels the device computes from its own state.
/// Device state changes on several threads (the vCPU, host input, host timers), and a level must never
/// be raised while the device's state lock is held (the receiver takes its own locks), so two threads
/// could publish out of order and leave a stale level on a wire. Here the level is sampled and published
/// under one publishing lock, so the last publication always reflects the latest state; only wires whose
/// level changed are driven.
/// </summary>
internal sealed class InterruptOutputs
{
    private readonly Lock _publishLock = new();
    private readonly InterruptLine[] _lines;
    private readonly Func<uint> _sampleLevels;
    private uint _published;

    /// <param name="lines">Up to 32 wires; bit <c>i</c> of a sampled level mask drives <c>lines[i]</c>.</param>
    /// <param name="sampleLevels">Reads the current levels; it takes the device's state lock itself.</param>
    public InterruptOutputs(IReadOnlyList<InterruptLine> lines, Func<uint> sampleLevels)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lines.Count, 32);
        _lines = [.. lines];
        _sampleLevels = sampleLevels;
    }

    /// <summary>Samples the device's levels and drives every wire whose level changed since the last call.</summary>
    public void Update()
    {
        lock (_publishLock)
        {
            uint levels = _sampleLevels();
            uint changed = levels ^ _published;
            _published = levels;
            for (int i = 0; i < _lines.Length; i++)
            {
                if ((changed & (1u << i)) != 0)
                {
                    _lines[i].Set((levels & (1u << i)) != 0);
                }
            }
        }
    }
}
