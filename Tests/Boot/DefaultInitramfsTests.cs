using LoongsonDbt.Hypervisor.Boot;

namespace LoongsonDbt.Tests.Boot;

/// <summary>The standard image, listed by the host's cpio: what the kernel and busybox need to reach a shell.</summary>
[TestFixture]
public sealed class DefaultInitramfsTests
{
    [Test]
    public void HoldsBusyboxInitConsoleAndTheUsualDirectories()
    {
        byte[] busybox = [0x7F, (byte)'E', (byte)'L', (byte)'F', 1, 2, 3];
        byte[] init = "#!/bin/busybox sh\nexec sh\n"u8.ToArray();
        string archive = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(archive, DefaultInitramfs.Create(busybox, init).ToCpio());
            string[] listing = HostCpio.List(archive);

            Assert.Multiple(() =>
            {
                Assert.That(HostCpio.Line(listing, "bin/busybox"), Does.Match(@"^-rwxr-xr-x +1 root +root +7 "));
                Assert.That(HostCpio.Line(listing, "init"), Does.Match($@"^-rwxr-xr-x +1 root +root +{init.Length} "));
                Assert.That(HostCpio.Line(listing, "bin/sh"), Does.EndWith("bin/sh -> busybox"));
                Assert.That(HostCpio.Line(listing, "dev/console"), Does.Match(@"^crw------- +1 root +root +5, +1 "));
                Assert.That(HostCpio.Line(listing, "tmp"), Does.StartWith("drwxrwxrwt "));
                Assert.That(HostCpio.Line(listing, "root"), Does.StartWith("drwx------ "));
                foreach (string directory in (string[])["proc", "sys", "etc", "sbin", "usr/bin", "usr/sbin", "dev", "bin"])
                {
                    Assert.That(HostCpio.Line(listing, directory), Does.StartWith("drwxr-xr-x "), directory);
                }
            });
        }
        finally
        {
            File.Delete(archive);
        }
    }
}
