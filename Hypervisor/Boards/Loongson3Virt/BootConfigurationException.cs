namespace LoongsonDbt.Hypervisor.Boards.Loongson3Virt;

/// <summary>
/// The machine cannot be booted as asked (a missing or foreign kernel, too little memory, an initrd or
/// command line that does not fit); the one-line message says which input is wrong and why.
/// </summary>
public sealed class BootConfigurationException : Exception
{
    public BootConfigurationException(string message)
        : base(message)
    {
    }

    public BootConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
