using LoongsonDbt.Tests.Support;

namespace LoongsonDbt.Tests.UserMode;

/// <summary>
/// The reference: <c>qemu-mips64el</c> from Debian's qemu-user, as a Loongson-3A1000. The CPU model matters:
/// QEMU's default mips64 CPU lacks the Loongson LEXT instructions (gsdmultu ...) and does not honour
/// FCSR rounding modes in <c>rint</c>/<c>cvt</c>, both of which the corpus and the random programs use.
/// </summary>
public sealed class QemuUser : IUserRunner
{
    public const string Package = "qemu-user";
    public const string Command = "qemu-mips64el";
    public const string CpuModel = "Loongson-3A1000";

    public static readonly QemuUser Instance = new();

    public string Name => "qemu";

    public HostProcessResult Run(string elf, IReadOnlyList<string> arguments, UserRunOptions? options = null)
    {
        HostPackages.Ensure(Package, Command);
        return GuestProcess.Run(Command, ["-cpu", CpuModel, elf, .. arguments], options ?? UserRunOptions.Default);
    }
}
