using System.Text;

namespace LoongsonDbt.Hypervisor.Boot;

/// <summary>
/// Writes the "newc" cpio format (magic 070701) that Linux's initramfs unpacker reads: per entry a
/// 110-byte ASCII header of thirteen 8-digit hex fields, the NUL-terminated name and the data, each
/// padded to 4 bytes; then the "TRAILER!!!" entry.
/// </summary>
internal sealed class CpioNewcWriter(Stream output)
{
    private const string Magic = "070701";
    private const string TrailerName = "TRAILER!!!";
    private const int Alignment = 4;

    private long _position;
    private uint _nextInode = 1;

    public void Write(string name, CpioEntry entry)
    {
        if ((ulong)entry.Data.Length > uint.MaxValue)
        {
            throw new ArgumentException($"/{name} is {entry.Data.Length} bytes; newc cpio sizes stop at 4 GiB");
        }

        // Directories count their "." and their entry in the parent; Linux's unpacker ignores the
        // count except to pair hard links (nlink > 1 on regular files), which we never write.
        uint links = entry.Type == CpioFileType.Directory ? 2u : 1u;
        WriteHeader(name, _nextInode++, entry.Mode, links, (uint)entry.Data.Length, (uint)entry.DeviceMajor, (uint)entry.DeviceMinor);
        WritePadded(entry.Data.Span);
    }

    public void WriteTrailer()
    {
        WriteHeader(TrailerName, 0, 0, 1, 0, 0, 0);
        output.Flush();
    }

    private void WriteHeader(string name, uint inode, uint mode, uint links, uint size, uint deviceMajor, uint deviceMinor)
    {
        byte[] nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        // ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor (of the containing
        // filesystem), rdevmajor, rdevminor (of a device node), namesize, check (unused by newc).
        uint[] fields = [inode, mode, 0, 0, links, 0, size, 0, 0, deviceMajor, deviceMinor, (uint)nameBytes.Length, 0];
        var header = new StringBuilder(Magic);
        foreach (uint field in fields)
        {
            header.Append(field.ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
        }

        Write(Encoding.ASCII.GetBytes(header.ToString()));
        WritePadded(nameBytes);
    }

    private void WritePadded(ReadOnlySpan<byte> bytes)
    {
        Write(bytes);
        int padding = (int)((Alignment - _position % Alignment) % Alignment);
        Write(stackalloc byte[padding]);
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        output.Write(bytes);
        _position += bytes.Length;
    }
}
