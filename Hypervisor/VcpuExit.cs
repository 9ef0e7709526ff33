namespace LoongsonDbt.Hypervisor;

/// <summary>Why <see cref="Vcpu.Run"/> returned, as KVM's exit reasons tell a VMM.</summary>
public enum VcpuExit
{
    /// <summary>The guest powered the machine off.</summary>
    PowerOff,

    /// <summary>The guest asked for a reset (reboot).</summary>
    Reset,

    /// <summary>The host asked to stop (the console escape, a signal).</summary>
    HostStop,
}
