namespace LoongsonDbt.Translator.Inspection;

/// <summary>Carries the guest code a dumped method was compiled from, so ILSpy shows both side by side.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GuestDisassemblyAttribute(string listing) : Attribute
{
    public string Listing { get; } = listing;
}
