using System.Buffers.Binary;

namespace LoongsonDbt.UserMode;

/// <summary>
/// The n64 kernel's struct stat (arch/mips/include/uapi/asm/stat.h, 104 bytes, 32-bit times), filled
/// from a host struct statx, which is the same on every architecture.
/// </summary>
public static class GuestStat
{
    public const int Size = 104;

    public static void FromStatx(ReadOnlySpan<byte> statx, Span<byte> stat)
    {
        stat.Clear();

        BinaryPrimitives.WriteUInt32LittleEndian(stat, EncodeDevice(U32(statx, 136), U32(statx, 140)));
        BinaryPrimitives.WriteUInt64LittleEndian(stat[16..], U64(statx, 32));                                   // st_ino
        BinaryPrimitives.WriteUInt32LittleEndian(stat[24..], BinaryPrimitives.ReadUInt16LittleEndian(statx[28..])); // st_mode
        BinaryPrimitives.WriteUInt32LittleEndian(stat[28..], U32(statx, 16));                                   // st_nlink
        BinaryPrimitives.WriteUInt32LittleEndian(stat[32..], U32(statx, 20));                                   // st_uid
        BinaryPrimitives.WriteUInt32LittleEndian(stat[36..], U32(statx, 24));                                   // st_gid
        BinaryPrimitives.WriteUInt32LittleEndian(stat[40..], EncodeDevice(U32(statx, 128), U32(statx, 132)));          // st_rdev
        BinaryPrimitives.WriteUInt64LittleEndian(stat[56..], U64(statx, 40));                                   // st_size
        WriteTime(statx, 64, stat, 64);                                                                  // st_atime
        WriteTime(statx, 112, stat, 72);                                                                 // st_mtime
        WriteTime(statx, 96, stat, 80);                                                                  // st_ctime
        BinaryPrimitives.WriteUInt32LittleEndian(stat[88..], U32(statx, 4));                                    // st_blksize
        BinaryPrimitives.WriteUInt64LittleEndian(stat[96..], U64(statx, 48));                                   // st_blocks
    }

    private static uint U32(ReadOnlySpan<byte> statx, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(statx[offset..]);

    private static ulong U64(ReadOnlySpan<byte> statx, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(statx[offset..]);

    /// <summary>new_encode_dev: the kernel's 32-bit dev_t encoding.</summary>
    private static uint EncodeDevice(uint major, uint minor) => (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);

    private static void WriteTime(ReadOnlySpan<byte> statx, int from, Span<byte> stat, int to)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(stat[to..], (uint)BinaryPrimitives.ReadInt64LittleEndian(statx[from..]));
        BinaryPrimitives.WriteUInt32LittleEndian(stat[(to + 4)..], BinaryPrimitives.ReadUInt32LittleEndian(statx[(from + 8)..]));
    }
}
