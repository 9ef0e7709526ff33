namespace LoongsonDbt.Hypervisor.Boards.Loongson3Virt;

/// <summary>Bytes the board copies into guest memory before the first instruction, at a physical address.</summary>
public sealed record MemoryImage(ulong PhysicalAddress, ReadOnlyMemory<byte> Bytes)
{
    /// <summary>The first physical address after the image.</summary>
    public ulong End => PhysicalAddress + (ulong)Bytes.Length;
}
