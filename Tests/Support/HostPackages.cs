namespace LoongsonDbt.Tests.Support;

// Placeholder until the guest-images branch lands its HostPackages; replaced at merge.
public static class HostPackages
{
    public static void Ensure(string package, string command) { }
}
