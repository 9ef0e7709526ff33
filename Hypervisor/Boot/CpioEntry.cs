namespace LoongsonDbt.Hypervisor.Boot;

/// <summary>One archive member: its type, permission bits, data (a symlink's data is its target) and device number.</summary>
internal sealed record CpioEntry(CpioFileType Type, UnixFileMode Permissions, ReadOnlyMemory<byte> Data, int DeviceMajor = 0, int DeviceMinor = 0)
{
    /// <summary>Symlinks carry 0777, as on Linux, where their own permissions mean nothing.</summary>
    public const UnixFileMode SymlinkPermissions = (UnixFileMode)0b111_111_111;

    /// <summary>st_mode: the type bits and the permission bits (setuid, setgid and sticky included).</summary>
    public uint Mode => (uint)Type | (uint)Permissions;
}
