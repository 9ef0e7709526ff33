namespace LoongsonDbt.UserMode;

/// <summary>Where a program landed in guest memory: what the initial stack's auxv and brk need.</summary>
/// <param name="Entry">The relocated e_entry.</param>
/// <param name="LoadBias">Added to every virtual address of the file (0 for ET_EXEC).</param>
/// <param name="ProgramHeaders">Guest address of the program headers (AT_PHDR).</param>
/// <param name="ProgramHeaderCount">AT_PHNUM.</param>
/// <param name="ProgramHeaderSize">AT_PHENT.</param>
/// <param name="DataEnd">The page-aligned end of the highest segment: the initial program break.</param>
public sealed record LoadedProgram(
    ulong Entry,
    ulong LoadBias,
    ulong ProgramHeaders,
    int ProgramHeaderCount,
    int ProgramHeaderSize,
    ulong DataEnd);
