using LoongsonDbt.Runtime.Memory;

namespace LoongsonDbt.Translator.Execution;

/// <summary>
/// When compiled code may go straight to other code without the dispatcher checking the current
/// mapping. A process's code maps one way until it is unmapped (which drops its translations), so
/// everything links. On a full system only the unmapped kernel segments map the same way in every
/// context; mapped code (user programs, modules) may differ per ASID and goes through the dispatcher,
/// except inside a region, whose blocks share the entry's page.
/// </summary>
public static class LinkRules
{
    /// <summary>Whether code at <paramref name="from"/> may enter code found by the address <paramref name="to"/>.</summary>
    public static bool MayLink(bool fullSystem, ulong from, ulong to) =>
        !fullSystem || (SystemMmu.IsUnmappedKernelSegment(from) && SystemMmu.IsUnmappedKernelSegment(to));

    /// <summary>Whether <paramref name="block"/> may be compiled into the region of <paramref name="entry"/>.</summary>
    public static bool MayJoinRegion(bool fullSystem, Block entry, Block block) =>
        MayLink(fullSystem, entry.Address, block.Address)
        || ((entry.Address ^ block.Address) < GuestMemory.PageSize && entry.Pages[0] == block.Pages[0] && block.Pages.Length == 1);

    /// <summary>Whether compiled code for <paramref name="address"/> may be published for links and the jump cache.</summary>
    public static bool MayPublish(bool fullSystem, ulong address) => !fullSystem || SystemMmu.IsUnmappedKernelSegment(address);
}
