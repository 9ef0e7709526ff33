using LoongsonDbt.Cli;
using LoongsonDbt.Tests.Support;

namespace LoongsonDbt.Tests.Cli;

/// <summary>
/// <c>loongson-dbt boot</c> on bad input: a one-line message and exit status 1, never a host crash, and
/// QEMU's size syntax for <c>-m</c>.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BootCommandTests
{
    [Test]
    public void MissingKernelIsReported()
    {
        (int exitCode, string error) = Run("boot", "--kernel", "/nonexistent/vmlinuz", "-m", "1G");
        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("/nonexistent/vmlinuz"));
    }

    [Test]
    public void HostProgramIsNotAMipsKernel()
    {
        (int exitCode, string error) = Run("boot", "--kernel", "/bin/true", "-m", "1G");
        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("/bin/true").And.Contain("MIPS"));
    }

    [Test]
    public void MemoryBelowTheMachinesMinimumIsRefused()
    {
        (int exitCode, string error) = Run("boot", "--kernel", DebianGuest.KernelPath, "-m", "256M");
        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("512 MiB"));
    }

    [Test]
    public void InitrdLargerThanLowMemoryIsRefused()
    {
        string initrd = Path.GetTempFileName();
        try
        {
            using (FileStream file = File.OpenWrite(initrd))
            {
                file.SetLength(600L << 20); // sparse: nothing is read before the size check
            }

            (int exitCode, string error) = Run("boot", "--kernel", DebianGuest.KernelPath, "--initrd", initrd, "-m", "1G");
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(error, Does.Contain("initrd"));
        }
        finally
        {
            File.Delete(initrd);
        }
    }

    [TestCase("256M", "256 MiB")]
    [TestCase("262144k", "256 MiB")]
    [TestCase("100", "100 MiB")]
    public void MemorySizesReadAsQemuReadsThem(string size, string asReported)
    {
        (int exitCode, string error) = Run("boot", "--kernel", DebianGuest.KernelPath, "-m", size);
        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain(asReported));
    }

    [TestCase("lots")]
    [TestCase("1X")]
    [TestCase("0")]
    public void MalformedMemorySizeIsReported(string size)
    {
        (int exitCode, string error) = Run("boot", "--kernel", DebianGuest.KernelPath, "-m", size);
        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain($"'{size}'"));
    }

    private static (int ExitCode, string Error) Run(params string[] args)
    {
        (int exitCode, _, string error) = InProcessCli.Run(args);
        return (exitCode, error);
    }
}
