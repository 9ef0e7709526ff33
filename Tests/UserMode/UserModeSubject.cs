using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.UserMode;

/// <summary>
/// Which runner the differential tests hold against QEMU. Normally ours with the given engine; with
/// LOONGSON_DBT_USERMODE_SUBJECT=qemu it is QEMU itself, a self-check that the harness and the guest
/// programs are deterministic (every test must pass then).
/// </summary>
public static class UserModeSubject
{
    public static bool IsQemuSelfCheck =>
        string.Equals(Environment.GetEnvironmentVariable("LOONGSON_DBT_USERMODE_SUBJECT"), "qemu", StringComparison.Ordinal);

    /// <summary>The runner under test.</summary>
    public static IUserRunner For(EngineMode engine) => IsQemuSelfCheck ? QemuUser.Instance : new DbtUser(engine);
}
