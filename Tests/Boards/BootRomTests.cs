using LoongsonDbt.Hypervisor.Boards.Loongson3Virt;
using LoongsonDbt.Tests.Support;

namespace LoongsonDbt.Tests.Boards;

/// <summary>
/// The boot program against PLATFORM.md §4.1, read by GNU objdump and run from its listing: the
/// secondary-CPU mailbox loop, the reset and power-off stores, each from its documented entry point.
/// </summary>
[TestFixture]
[Category("Oracle")]
public sealed class BootRomTests
{
    private const ulong RomVirtual = 0xFFFF_FFFF_BFC0_0000;
    private const ulong PowerManagementControl = 0x9000_0000_1008_0010;
    private const ulong Node0MailboxBase = 0x9000_0000_3FF0_1000;

    private static readonly Lazy<Dictionary<ulong, ObjdumpOracle.Line>> s_listing =
        new(() => ObjdumpOracle.Disassemble(BootRom.Program, RomVirtual));

    [Test]
    public void PowerOffStoresByteFfToThePowerManagementRegisterAndParks()
    {
        var machine = new ObjdumpListingMachine(s_listing.Value, NoMemory);

        (ulong pc, bool halted) = machine.Run(RomVirtual + 0xA8);

        Assert.That(machine.ByteStores, Is.EqualTo(new[] { (PowerManagementControl, (byte)0xFF) }));
        Assert.That(halted, Is.True);
        Assert.That(pc, Is.LessThan(RomVirtual + 0x1000), "parks inside the boot program");
    }

    [Test]
    public void ResetStoresByteZeroToThePowerManagementRegisterAndParks()
    {
        var machine = new ObjdumpListingMachine(s_listing.Value, NoMemory);

        (_, bool halted) = machine.Run(RomVirtual + 0x80);

        Assert.That(machine.ByteStores, Is.EqualTo(new[] { (PowerManagementControl, (byte)0x00) }));
        Assert.That(halted, Is.True);
    }

    /// <summary>Linux's reset and power-off hooks are these two entry points (LEFI reset_system).</summary>
    [Test]
    public void LefiHooksPointAtTheRoutines()
    {
        Assert.That(Loongson3VirtMemoryMap.ToKseg1(Loongson3VirtMemoryMap.BootRomBase + BootRom.ResetOffset), Is.EqualTo(RomVirtual + 0x80));
        Assert.That(Loongson3VirtMemoryMap.ToKseg1(Loongson3VirtMemoryMap.BootRomBase + BootRom.PowerOffOffset), Is.EqualTo(RomVirtual + 0xA8));
    }

    /// <summary>CPU n: core n % 4 of node n / 4; its mailbox is at 0x100 × core, node in address bit 44.</summary>
    [TestCase(1, 0x9000_0000_3FF0_1100UL)]
    [TestCase(3, 0x9000_0000_3FF0_1300UL)]
    [TestCase(4, 0x9000_1000_3FF0_1000UL)]
    [TestCase(15, 0x9000_3000_3FF0_1300UL)]
    public void SecondaryWaitsForItsMailboxThenJumpsWithSpGpA1(int cpu, ulong mailbox)
    {
        const ulong entry = 0xFFFF_FFFF_8020_1234, stack = 0x9800_0000_0123_4000, global = 0x9800_0000_0567_8000, a1 = 0x42;
        int emptyPolls = 3;
        ulong Memory(ulong address)
        {
            if (address == mailbox + 0x20)
            {
                return emptyPolls-- > 0 ? 0 : entry;
            }

            return address == mailbox + 0x28 ? stack : address == mailbox + 0x30 ? global : address == mailbox + 0x38 ? a1
                : throw new AssertionException($"load from 0x{address:x}, outside CPU{cpu}'s mailbox");
        }

        var machine = new ObjdumpListingMachine(s_listing.Value, Memory);
        machine.Cp0["$12"] = 0x0000_0004; // Status with ERL, as at reset, minus BEV
        machine.Cp0["$13"] = 0x0000_0400; // Cause with a stale pending bit
        machine.Cp0["$15,1"] = 0xFFFF_FFFF_8000_0000 + (ulong)cpu; // EBase.CPUNum = cpu

        (ulong pc, bool halted) = machine.Run(RomVirtual + 0x000);

        Assert.Multiple(() =>
        {
            Assert.That(halted, Is.False);
            Assert.That(pc, Is.EqualTo(entry));
            Assert.That(machine.Register("sp"), Is.EqualTo(stack));
            Assert.That(machine.Register("gp"), Is.EqualTo(global));
            Assert.That(machine.Register("a1"), Is.EqualTo(a1));
            Assert.That(machine.Loads.Count(a => a == mailbox + 0x20), Is.EqualTo(4), "polled until non-zero");
            Assert.That(machine.Cp0["$12"], Is.EqualTo(0x0040_00E4UL | 0x4), "Status |= KX, SX, UX, ERL, BEV");
            Assert.That(machine.Cp0["$13"], Is.Zero, "Cause cleared");
            Assert.That(machine.ByteStores, Is.Empty);
        });
        Assert.That(Node0MailboxBase | ((ulong)(cpu & 3) << 8) | ((ulong)(cpu >> 2) << 44), Is.EqualTo(mailbox), "the test's own arithmetic");
    }

    [Test]
    public void RomImageHoldsTheProgramAtZeroAndLefiAt0x1000()
    {
        byte[] lefi = LefiTables.Build(1024UL << 20, 1);

        byte[] rom = BootRom.Build(lefi);

        Assert.That(rom, Has.Length.EqualTo(2 * 1024 * 1024));
        Assert.That(rom.AsSpan(0, BootRom.Program.Length).SequenceEqual(BootRom.Program), Is.True);
        Assert.That(rom.AsSpan(BootRom.Program.Length, 0x1000 - BootRom.Program.Length).ContainsAnyExcept((byte)0), Is.False);
        Assert.That(rom.AsSpan(0x1000, lefi.Length).SequenceEqual(lefi), Is.True);
        Assert.That(rom.AsSpan(0x1000 + lefi.Length).ContainsAnyExcept((byte)0), Is.False);
    }

    private static ulong NoMemory(ulong address) => throw new AssertionException($"unexpected load from 0x{address:x}");
}
