using System.CommandLine;
using LoongsonDbt.Cli.Guests;
using LoongsonDbt.Hypervisor.Boot;

namespace LoongsonDbt.Cli.Commands;

/// <summary><c>loongson-dbt initramfs OUTPUT</c>: build the standard busybox initramfs for <c>-initrd</c>.</summary>
internal static class InitramfsCommand
{
    /// <summary>The recipe's /init, shipped next to this program from samples/initramfs/.</summary>
    public static string ShippedInitPath => Path.Combine(AppContext.BaseDirectory, "initramfs", "init");

    public static Command Create()
    {
        var output = new Argument<FileInfo>("output") { Description = "The image to write: a gzip-compressed newc cpio archive." };
        var init = new Option<FileInfo?>("--init") { Description = "The script or program to use as /init. Default: the shipped recipe (busybox shell on the console)." };
        var busybox = new Option<FileInfo?>("--busybox") { Description = "A static mips64el busybox to use as /bin/busybox. Default: Debian's busybox-static (fetched on first use)." };
        var add = new Option<string[]>("--add")
        {
            Description = "HOSTPATH=GUESTPATH: also put a host file, symlink or directory tree at GUESTPATH (a directory for / is merged into the root; repeatable; a later entry replaces an earlier one, defaults included).",
        };

        var command = new Command("initramfs", "Build an initramfs with busybox and an /init that starts a shell on the console.")
        {
            output, init, busybox, add,
        };
        command.SetAction(parse =>
        {
            byte[] initBytes = ReadInput(parse.GetValue(init)?.FullName ?? ShippedInitPath);
            byte[] busyboxBytes = ReadInput(parse.GetValue(busybox)?.FullName ?? DebianGuest.Fetch().BusyboxPath);
            Initramfs image = DefaultInitramfs.Create(busyboxBytes, initBytes);
            foreach (string mapping in parse.GetValue(add) ?? [])
            {
                (string hostPath, string guestPath) = ParseMapping(mapping);
                image.AddHostPath(hostPath, guestPath);
            }

            string outputPath = parse.GetValue(output)!.FullName;
            byte[] archive = image.ToGzip();
            File.WriteAllBytes(outputPath, archive);
            Console.WriteLine($"{outputPath}: {image.Paths.Count()} entries, {archive.Length} bytes");
            return 0;
        });
        return command;
    }

    private static byte[] ReadInput(string path) =>
        File.Exists(path) ? File.ReadAllBytes(path) : throw new FileNotFoundException($"{path}: no such file", path);

    /// <summary>Splits at the last '=', since guest paths are ours to choose and host paths are not.</summary>
    private static (string HostPath, string GuestPath) ParseMapping(string mapping)
    {
        int separator = mapping.LastIndexOf('=');
        if (separator <= 0 || separator == mapping.Length - 1)
        {
            throw new ArgumentException($"--add '{mapping}': expected HOSTPATH=GUESTPATH");
        }

        return (mapping[..separator], mapping[(separator + 1)..]);
    }
}
