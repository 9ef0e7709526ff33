namespace LoongsonDbt.Runtime.Images;

/// <summary>
/// A guest image (kernel wrapper, raw kernel or ELF program) is not what we can load; the message
/// names the input and what is wrong with it.
/// </summary>
public sealed class InvalidGuestImageException : Exception
{
    public InvalidGuestImageException(string message)
        : base(message)
    {
    }

    public InvalidGuestImageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
