namespace LoongsonDbt.Hypervisor.Boot;

/// <summary>The kinds of cpio entry an initramfs needs, valued as the file-type bits (S_IFMT) of their mode.</summary>
public enum CpioFileType
{
    CharacterDevice = 0x2000, // S_IFCHR
    Directory = 0x4000, // S_IFDIR
    RegularFile = 0x8000, // S_IFREG
    Symlink = 0xA000, // S_IFLNK
}
