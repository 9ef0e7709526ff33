using LoongsonDbt.Tests.Support;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.UserMode;

/// <summary>
/// What <c>loongson-dbt run</c> does with input a real system rejects: broken or foreign executables get
/// a clear error, guest faults become the signal Linux (and QEMU) would deliver, bad pointers EFAULT —
/// never a host crash.
/// </summary>
[TestFixture]
[Category("UserMode")]
public class BadInputTests
{
    private const int SigIll = 4;
    private const int SigSegv = 11;
    private const int Efault = 14;

    private string _directory = "";

    [OneTimeSetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("bad-input-").FullName;

    [OneTimeTearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void TruncatedElfIsAClearError()
    {
        string file = Path.Combine(_directory, "truncated");
        byte[] busybox = File.ReadAllBytes(DebianGuest.BusyboxPath);
        File.WriteAllBytes(file, busybox[..(busybox.Length / 2)]);

        HostProcessResult result = new DbtUser(EngineMode.Tiered).Run(file, []);

        AssertCleanError(result, "truncated");
    }

    [Test]
    public void HostElfIsAClearError()
    {
        HostProcessResult result = new DbtUser(EngineMode.Tiered).Run("/bin/true", []);

        AssertCleanError(result, "not MIPS");
    }

    [TestCase(EngineMode.Interpreter)]
    [TestCase(EngineMode.Compiled)]
    public void ReservedInstructionIsSigillAsUnderQemu(EngineMode engine)
    {
        // rddsp (DSP ASE): not an instruction of the Loongson-3A1000.
        string elf = Build("reserved", ".word 0x7c011cb8");

        AssertSameFateAsQemu(elf, engine, 128 + SigIll);
    }

    [TestCase(EngineMode.Interpreter)]
    [TestCase(EngineMode.Compiled)]
    public void JumpToUnmappedMemoryIsSigsegvAsUnderQemu(EngineMode engine)
    {
        string elf = Build("wild-jump", """
            dli $2, 0x123456780
            jr $2
            nop
            """);

        AssertSameFateAsQemu(elf, engine, 128 + SigSegv);
    }

    [TestCase(EngineMode.Interpreter)]
    [TestCase(EngineMode.Compiled)]
    public void SyscallWithABadPointerFailsWithEfault(EngineMode engine)
    {
        // write(1, 0x10, 5), then exit_group(v0 if a3 says "error", else 0): the exit status is the errno.
        string elf = Build("bad-pointer", """
            li $2, 5001
            li $4, 1
            li $5, 16
            li $6, 5
            syscall
            move $4, $2
            movz $4, $0, $7
            li $2, 5205
            syscall
            """);

        AssertSameFateAsQemu(elf, engine, Efault);
    }

    private string Build(string name, string body)
    {
        string elf = Path.Combine(_directory, name);
        GuestAssembler.Build($"\t.set noreorder\n\t.text\n\t.globl __start\n__start:\n{body}\n", elf);
        return elf;
    }

    private static void AssertSameFateAsQemu(string elf, EngineMode engine, int expectedStatus)
    {
        HostProcessResult qemu = QemuUser.Instance.Run(elf, []);
        HostProcessResult ours = new DbtUser(engine).Run(elf, []);

        Assert.That(qemu.ExitCode, Is.EqualTo(expectedStatus), "QEMU");
        Assert.That(ours.ExitCode, Is.EqualTo(expectedStatus), ours.Error);
        Assert.That(ours.Error, Does.Not.Contain("Unhandled exception"));
    }

    private static void AssertCleanError(HostProcessResult result, string reason)
    {
        Assert.That(result.ExitCode, Is.EqualTo(1), result.Error);
        Assert.That(result.Error, Does.StartWith("loongson-dbt: ").And.Contain(reason).And.Not.Contain("Unhandled exception"));
    }
}
