using System.IO.Compression;
using System.Text;

namespace LoongsonDbt.Hypervisor.Boot;

/// <summary>
/// An initramfs: the tree of files Linux unpacks into its root filesystem before running /init,
/// written as the kernel reads it, a gzip-compressed cpio archive in the "newc" format. Parent
/// directories are added as needed and entries are written in path order, so every directory
/// precedes what it holds (the kernel creates nothing implicitly). Owners are root and times are 0,
/// so the same inputs always give the same bytes.
/// </summary>
public sealed class Initramfs
{
    /// <summary>The permissions of directories nobody added explicitly.</summary>
    public const UnixFileMode DirectoryPermissions = (UnixFileMode)0b111_101_101; // 0755

    /// <summary>The permissions host files get where the host has none to copy (Windows).</summary>
    public const UnixFileMode FilePermissions = (UnixFileMode)0b110_100_100; // 0644

    private readonly SortedDictionary<string, CpioEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>The guest paths in the archive, in archive order (without the leading '/').</summary>
    public IEnumerable<string> Paths => _entries.Keys;

    public void AddDirectory(string guestPath, UnixFileMode permissions = DirectoryPermissions) =>
        Add(guestPath, new CpioEntry(CpioFileType.Directory, permissions, default));

    public void AddFile(string guestPath, ReadOnlyMemory<byte> contents, UnixFileMode permissions) =>
        Add(guestPath, new CpioEntry(CpioFileType.RegularFile, permissions, contents));

    public void AddSymlink(string guestPath, string target) =>
        Add(guestPath, new CpioEntry(CpioFileType.Symlink, CpioEntry.SymlinkPermissions, Encoding.UTF8.GetBytes(target)));

    public void AddCharacterDevice(string guestPath, int major, int minor, UnixFileMode permissions) =>
        Add(guestPath, new CpioEntry(CpioFileType.CharacterDevice, permissions, default, major, minor));

    /// <summary>
    /// Copies a host file, symlink or whole directory tree to <paramref name="guestPath"/>, keeping
    /// the host's permission bits (not owners or times: the guest sees root's files). A directory
    /// given for "/" is an overlay: its contents go to the root.
    /// </summary>
    public void AddHostPath(string hostPath, string guestPath)
    {
        var info = new FileInfo(hostPath);
        if (info.LinkTarget is { } target)
        {
            AddSymlink(guestPath, target);
        }
        else if (Directory.Exists(hostPath))
        {
            bool overlay = guestPath.Trim('/').Length == 0;
            if (!overlay)
            {
                AddDirectory(guestPath, HostPermissions(hostPath, DirectoryPermissions));
            }

            string prefix = overlay ? "" : Normalize(guestPath);
            foreach (string child in Directory.EnumerateFileSystemEntries(hostPath))
            {
                AddHostPath(child, $"{prefix}/{Path.GetFileName(child)}");
            }
        }
        else if (info.Exists)
        {
            AddFile(guestPath, File.ReadAllBytes(hostPath), HostPermissions(hostPath, FilePermissions));
        }
        else
        {
            throw new FileNotFoundException($"{hostPath}: no such file or directory", hostPath);
        }
    }

    /// <summary>The uncompressed newc archive, trailer included.</summary>
    public byte[] ToCpio()
    {
        using var archive = new MemoryStream();
        WriteCpio(archive);
        return archive.ToArray();
    }

    /// <summary>The archive as the kernel takes it: gzip-compressed cpio.</summary>
    public byte[] ToGzip()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            WriteCpio(gzip);
        }

        return compressed.ToArray();
    }

    private void WriteCpio(Stream output)
    {
        var writer = new CpioNewcWriter(output);
        foreach ((string path, CpioEntry entry) in _entries)
        {
            writer.Write(path, entry);
        }

        writer.WriteTrailer();
    }

    private void Add(string guestPath, CpioEntry entry)
    {
        string path = Normalize(guestPath);
        if (_entries.TryGetValue(path, out CpioEntry? existing) && existing.Type == CpioFileType.Directory
            && entry.Type != CpioFileType.Directory && _entries.Keys.Any(p => p.StartsWith(path + "/", StringComparison.Ordinal)))
        {
            throw new ArgumentException($"/{path} is a directory with entries; it cannot become a {entry.Type}");
        }

        AddParents(path);
        // A later entry replaces an earlier one at the same path, so a caller can override a default file.
        _entries[path] = entry;
    }

    private void AddParents(string path)
    {
        for (int slash = path.IndexOf('/'); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            string parent = path[..slash];
            if (!_entries.TryGetValue(parent, out CpioEntry? existing))
            {
                _entries[parent] = new CpioEntry(CpioFileType.Directory, DirectoryPermissions, default);
            }
            else if (existing.Type != CpioFileType.Directory)
            {
                throw new ArgumentException($"/{parent} is a {existing.Type}, so /{path} cannot be inside it");
            }
        }
    }

    private static UnixFileMode HostPermissions(string hostPath, UnixFileMode fallback) =>
        OperatingSystem.IsWindows() ? fallback : File.GetUnixFileMode(hostPath);

    /// <summary>"/bin//sh" and "bin/sh" are the same entry, stored as the kernel's own tools do: "bin/sh".</summary>
    private static string Normalize(string guestPath)
    {
        string[] parts = guestPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts.Any(p => p is "." or ".."))
        {
            throw new ArgumentException($"'{guestPath}' is not a usable guest path (it must name something below /, without . or ..)");
        }

        return string.Join('/', parts);
    }
}
