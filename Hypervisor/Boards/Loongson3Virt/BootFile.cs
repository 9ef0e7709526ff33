namespace LoongsonDbt.Hypervisor.Boards.Loongson3Virt;

/// <summary>Reads a file the boot was given, turning a missing or unreadable one into a boot error naming it.</summary>
internal static class BootFile
{
    /// <param name="role">What the file is for ("kernel", "initrd"), the start of the message.</param>
    public static ulong Length(string role, string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? (ulong)file.Length : throw new BootConfigurationException($"{role} {path}: no such file");
    }

    /// <param name="role">What the file is for ("kernel", "initrd"), the start of the message.</param>
    public static byte[] Read(string role, string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new BootConfigurationException(
                exception is FileNotFoundException or DirectoryNotFoundException
                    ? $"{role} {path}: no such file"
                    : $"{role} {path}: cannot read ({exception.Message})",
                exception);
        }
    }
}
