namespace LoongsonDbt.Runtime.Images;

/// <summary>A named guest address; <paramref name="Type"/> is the nm/kallsyms letter (T, t, D, R, B, ...).</summary>
public readonly record struct GuestSymbol(string Name, ulong Address, char Type);
