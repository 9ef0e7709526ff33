using LoongsonDbt.Runtime.Memory;

namespace LoongsonDbt.Tests.Support;

/// <summary>
/// Assembled code mapped RWX at <see cref="AssembledMachine.CodeAddress"/>, with a page to spare after it: what the
/// translator's unit tests form blocks from, and what <see cref="AssembledMachine"/> runs.
/// </summary>
public static class AssembledCode
{
    /// <summary>An address space of its own with <paramref name="source"/> in it.</summary>
    public static AddressSpace Map(string source)
    {
        var memory = new AddressSpace();
        MapInto(memory, source);
        return memory;
    }

    public static void MapInto(AddressSpace memory, string source)
    {
        byte[] code = GuestAssembler.Assemble(source);
        memory.Map(AssembledMachine.CodeAddress, (ulong)code.Length + 0x1000, PageProtection.All);
        memory.Poke(AssembledMachine.CodeAddress, code);
    }
}
