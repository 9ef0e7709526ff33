namespace LoongsonDbt.Runtime.Interrupts;

/// <summary>Something with level-sensitive interrupt inputs: an interrupt controller, or a CPU's IP lines.</summary>
public interface IInterruptController
{
    /// <summary>Drives input <paramref name="input"/> to <paramref name="asserted"/>; safe to call from any thread.</summary>
    void SetInput(int input, bool asserted);
}
