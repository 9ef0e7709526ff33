namespace LoongsonDbt.Devices.Power;

/// <summary>What the guest asked the machine to do through the power-management register.</summary>
public enum PowerRequest
{
    /// <summary>Stop the machine (QEMU exits).</summary>
    PowerOff,

    /// <summary>Reset the machine and boot again.</summary>
    Reset,
}
