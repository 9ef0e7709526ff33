namespace LoongsonDbt.Runtime.Images;

/// <summary>An address expressed as symbol + offset, the way the kernel prints it (start_kernel+0x18).</summary>
public readonly record struct SymbolLocation(GuestSymbol Symbol, ulong Offset)
{
    public override string ToString() => $"{Symbol.Name}+0x{Offset:x}";
}
