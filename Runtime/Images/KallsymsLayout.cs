namespace LoongsonDbt.Runtime.Images;

/// <summary>Image offsets of the kallsyms tables <see cref="Kallsyms"/> decodes, once found.</summary>
internal readonly record struct KallsymsLayout(int Offsets, int RelativeBase, int Count, int Names, int Markers);
