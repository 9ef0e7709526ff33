using CachedGuest = LoongsonDbt.Cli.Guests.DebianGuest;

namespace LoongsonDbt.Tests.Support;

/// <summary>
/// The Debian mips64el guest (kernel wrapper + static busybox), fetched once per test run through
/// the same script and code path as <c>loongson-dbt fetch</c>; the script caches it across runs.
/// </summary>
public static class DebianGuest
{
    private static readonly Lazy<CachedGuest> s_guest = new(CachedGuest.Fetch);

    /// <summary>boot/vmlinuz-* from linux-image-loongson-3's kernel package (the self-extracting wrapper).</summary>
    public static string KernelPath => s_guest.Value.KernelPath;

    /// <summary>bin/busybox from busybox-static.</summary>
    public static string BusyboxPath => s_guest.Value.BusyboxPath;

    public static string CacheDirectory => s_guest.Value.CacheDirectory;
}
