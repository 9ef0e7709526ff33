namespace LoongsonDbt.UserMode;

/// <summary>What raising a signal did to the guest.</summary>
public enum SignalDisposition
{
    /// <summary>A guest handler runs next: the registers point into it.</summary>
    Delivered,

    /// <summary>Ignored, or blocked and left pending: the guest continues where it was.</summary>
    NotDelivered,

    /// <summary>The default action ends the process.</summary>
    Terminated,
}
