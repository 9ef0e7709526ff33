using System.CommandLine;
using LoongsonDbt.Cli.Guests;

namespace LoongsonDbt.Cli.Commands;

/// <summary><c>loongson-dbt fetch</c>: download and cache the Debian guest, then say where it is.</summary>
internal static class FetchCommand
{
    public static Command Create()
    {
        var command = new Command("fetch", "Fetch Debian's mips64el loongson-3 kernel and busybox-static into the cache (once; offline afterwards).");
        command.SetAction(_ =>
        {
            DebianGuest guest = DebianGuest.Fetch();
            Console.WriteLine($"kernel:  {guest.KernelPath}");
            Console.WriteLine($"busybox: {guest.BusyboxPath}");
            Console.WriteLine($"cache:   {guest.CacheDirectory}");
            return 0;
        });
        return command;
    }
}
