namespace LoongsonDbt.Devices.Pci;

/// <summary>
/// One PCI function's configuration space as the ECAM host reaches it. Offsets are inside the space
/// (below <see cref="ConfigSpaceSize"/>), sizes 1, 2 or 4 with natural alignment; values little-endian.
/// Calls may come from any vCPU thread.
/// </summary>
public interface IPciFunction
{
    /// <summary>256 for a conventional function, 4096 with PCIe extended space; the ECAM answers all-ones beyond it.</summary>
    int ConfigSpaceSize { get; }

    uint ReadConfig(int offset, int size);

    void WriteConfig(int offset, int size, uint value);

    /// <summary>Back to the power-on configuration (machine reset).</summary>
    void Reset();
}
