using LoongsonDbt.Runtime.Interrupts;

namespace LoongsonDbt.Tests.Devices;

/// <summary>An interrupt controller that remembers every level it was driven to, in order.</summary>
public sealed class RecordingInterruptController : IInterruptController
{
    private readonly Lock _lock = new();
    private readonly List<(int Input, bool Asserted)> _changes = [];

    public IReadOnlyList<(int Input, bool Asserted)> Changes
    {
        get
        {
            lock (_lock)
            {
                return [.. _changes];
            }
        }
    }

    public void SetInput(int input, bool asserted)
    {
        lock (_lock)
        {
            _changes.Add((input, asserted));
        }
    }

    public InterruptLine Line(int input) => new(this, input);

    /// <summary>The last level input <paramref name="input"/> was driven to; low if never driven.</summary>
    public bool IsAsserted(int input)
    {
        lock (_lock)
        {
            return _changes.LastOrDefault(change => change.Input == input).Asserted;
        }
    }
}
