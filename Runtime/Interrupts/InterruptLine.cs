namespace LoongsonDbt.Runtime.Interrupts;

/// <summary>A wire from a device's interrupt output to one input of a controller; default is unconnected.</summary>
public readonly record struct InterruptLine(IInterruptController? Controller, int Input)
{
    public void Set(bool asserted) => Controller?.SetInput(Input, asserted);
}
