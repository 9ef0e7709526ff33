using LoongsonDbt.Tests.Support;

namespace LoongsonDbt.Tests.UserMode;

/// <summary>Something that runs a static mips64el Linux program like <c>qemu-mips64el</c> does.</summary>
public interface IUserRunner
{
    /// <summary>Short name for test output ("qemu", "interpreter", ...).</summary>
    string Name { get; }

    HostProcessResult Run(string elf, IReadOnlyList<string> arguments, UserRunOptions? options = null);
}
