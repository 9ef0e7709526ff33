using static LoongsonDbt.Hypervisor.Boards.Loongson3Virt.BootProgramAssembler;

namespace LoongsonDbt.Hypervisor.Boards.Loongson3Virt;

/// <summary>
/// The boot ROM of a direct kernel boot (PLATFORM.md §4.1): a small program in the first 4 KiB and the
/// LEFI block after it. The program has three entry points: where secondary CPUs wait for Linux to
/// hand them a start address, and the reset and power-off routines Linux calls through LEFI.
/// It is our own code doing what QEMU's does, not a copy of QEMU's words.
/// </summary>
public static class BootRom
{
    /// <summary>The reset vector: secondary CPUs spin here until their mailbox holds an entry PC.</summary>
    public const int SecondaryEntryOffset = 0x000;

    /// <summary>LEFI ResetCold/ResetWarm: writes the reset value to the power-management register.</summary>
    public const int ResetOffset = 0x080;

    /// <summary>LEFI Shutdown: writes the power-off value to the power-management register.</summary>
    public const int PowerOffOffset = 0x0A8;

    /// <summary>Status bits a waiting secondary sets: 64-bit addressing in every mode (KX, SX, UX), ERL and BEV, as at reset.</summary>
    private const uint SecondaryStatusBits = 0x0040_00E4;

    private static readonly byte[] s_program = AssembleProgram();

    /// <summary>The boot program alone (it ends well before the LEFI block).</summary>
    public static ReadOnlySpan<byte> Program => s_program;

    /// <summary>The whole ROM window: the boot program at +0, <paramref name="lefiTables"/> at +0x1000, zeros elsewhere.</summary>
    public static byte[] Build(ReadOnlySpan<byte> lefiTables)
    {
        var rom = new byte[Loongson3VirtMemoryMap.BootRomSize];
        s_program.CopyTo(rom, 0);
        lefiTables.CopyTo(rom.AsSpan((int)Loongson3VirtMemoryMap.LefiRomOffset));
        return rom;
    }

    private static byte[] AssembleProgram()
    {
        var program = new BootProgramAssembler();
        program.PadTo(SecondaryEntryOffset);
        WaitForMailbox(program);
        program.PadTo(ResetOffset);
        WritePowerManagement(program, Loongson3VirtMemoryMap.PowerManagementReset);
        program.PadTo(PowerOffOffset);
        WritePowerManagement(program, Loongson3VirtMemoryMap.PowerManagementPowerOff);
        return program.ToBytes();
    }

    /// <summary>
    /// A secondary CPU finds its own IPI block from its CPU number (core in node → 0x100 stride, node
    /// → address bit 44), polls mailbox 0 until Linux writes a PC there (written last, after sp, gp
    /// and a1), loads the other three mailboxes and jumps.
    /// </summary>
    private static void WaitForMailbox(BootProgramAssembler program)
    {
        program.Mfc0(T0, Cp0Status);
        program.Lui(T1, (ushort)(SecondaryStatusBits >> 16));
        program.Ori(T1, T1, (ushort)(SecondaryStatusBits & 0xFFFF));
        program.Or(T0, T0, T1);
        program.Mtc0(T0, Cp0Status);
        program.Mtc0(Zero, Cp0Cause);

        // t0 = EBase.CPUNum; t1 = (core << 8) | (node << 44), the node being CPUNum >> 2.
        program.Mfc0(T0, Cp0EBase);
        program.Andi(T0, T0, 0xFF);
        program.Andi(T1, T0, Loongson3VirtMemoryMap.CoresPerNode - 1);
        program.Dsll(T1, T1, 8);
        program.Andi(T2, T0, 0xFF & ~(Loongson3VirtMemoryMap.CoresPerNode - 1));
        program.Dsll32(T2, T2, Loongson3VirtMemoryMap.NodeAddressShift - 2 - 32);
        program.Or(T1, T1, T2);
        program.LoadUncachedAddress(T3, T2, (uint)Loongson3VirtMemoryMap.IpiBase);
        program.Or(T1, T1, T3);

        int poll = program.Position;
        program.Ld(T9, (short)Loongson3VirtMemoryMap.IpiMailboxPcOffset, T1);
        program.Beq(T9, Zero, poll);
        program.Nop();
        program.Ld(Sp, (short)Loongson3VirtMemoryMap.IpiMailboxSpOffset, T1);
        program.Ld(Gp, (short)Loongson3VirtMemoryMap.IpiMailboxGpOffset, T1);
        program.Ld(A1, (short)Loongson3VirtMemoryMap.IpiMailboxA1Offset, T1);
        program.Jr(T9);
        program.Nop();
        program.Halt();
    }

    /// <summary>Stores <paramref name="value"/> to the byte-wide power-management control register, then parks.</summary>
    private static void WritePowerManagement(BootProgramAssembler program, byte value)
    {
        program.LoadUncachedAddress(T0, T1, (uint)Loongson3VirtMemoryMap.PowerManagementBase);
        int source = Zero;
        if (value != 0)
        {
            program.Ori(T2, Zero, value);
            source = T2;
        }

        program.Sb(source, (short)Loongson3VirtMemoryMap.PowerManagementControlOffset, T0);
        program.Halt();
    }
}
