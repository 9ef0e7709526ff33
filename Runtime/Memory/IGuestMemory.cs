using LoongsonDbt.Runtime.Cpu;

namespace LoongsonDbt.Runtime.Memory;

/// <summary>
/// The memory an execution engine runs a CPU against: the slow path behind the software TLB (resolve a
/// missed access, install the TLB entry, do the access; on a fault record the exception in
/// <see cref="CpuState"/> and return zero), instruction fetch for the translator, and the code-page
/// tracking that keeps translations equal to the bytes they came from.
/// </summary>
public unsafe interface IGuestMemory
{
    /// <summary>Raised with a code page (see <see cref="CodePageOf"/>) after a store or unmap changed it.</summary>
    event Action<ulong>? CodePageWritten;

    ulong LoadSlow(CpuState* state, ulong address, int size);

    void StoreSlow(CpuState* state, ulong address, int size, ulong value);

    /// <summary>Reads instruction words for the translator; false when the page is not executable.</summary>
    bool TryFetch(ulong address, out uint word);

    /// <summary>
    /// The identity of the page holding the code at <paramref name="address"/> under the current mapping:
    /// the page a store must hit to change that code (a process's virtual page; a machine's RAM page).
    /// </summary>
    ulong CodePageOf(ulong address);

    /// <summary>Stores to <paramref name="codePage"/> will raise <see cref="CodePageWritten"/> from now on.</summary>
    void MarkCodePage(ulong codePage);

    /// <summary>
    /// Whether code at <paramref name="address"/> maps the same way whatever the CPU does with its TLB and
    /// modes, so a translation found by address needs no check of the current mapping.
    /// </summary>
    bool HasFixedMapping(ulong address);

    /// <summary>
    /// Checks that the CPU may fetch at <paramref name="pc"/> now and finds its code page; on failure records
    /// the fetch exception (address error, TLB miss, bus error) in <paramref name="state"/>.
    /// </summary>
    bool TryTranslateFetch(CpuState* state, ulong pc, out ulong codePage);
}
