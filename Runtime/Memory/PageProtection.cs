namespace LoongsonDbt.Runtime.Memory;

/// <summary>Guest page permissions, as mmap's PROT_* bits.</summary>
[Flags]
public enum PageProtection : byte
{
    None = 0,
    Read = 1,
    Write = 2,
    Execute = 4,
    ReadWrite = Read | Write,
    ReadExecute = Read | Execute,
    All = Read | Write | Execute,
}
