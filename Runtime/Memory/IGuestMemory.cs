using LoongsonDbt.Runtime.Cpu;

namespace LoongsonDbt.Runtime.Memory;

/// <summary>
/// The slow path behind the software TLB: resolve a missed access, install the TLB entry, do the
/// access. On a fault it records the exception in <see cref="CpuState"/> and returns zero.
/// </summary>
public unsafe interface IGuestMemory
{
    ulong LoadSlow(CpuState* state, ulong address, int size);

    void StoreSlow(CpuState* state, ulong address, int size, ulong value);

    /// <summary>Reads instruction words for the translator; false when the page is not executable.</summary>
    bool TryFetch(ulong address, out uint word);
}
