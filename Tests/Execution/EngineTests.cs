using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.Tests.Support;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Tests.Execution;

/// <summary>
/// The engine on small assembled programs, in every mode: results the MIPS64 manual defines,
/// precise exceptions, delay slots, and code that rewrites itself.
/// </summary>
[TestFixture(EngineMode.Interpreter)]
[TestFixture(EngineMode.Compiled)]
[TestFixture(EngineMode.Tiered)]
public unsafe class EngineTests(EngineMode mode)
{
    private const ulong CodeAddress = AssembledMachine.CodeAddress;
    private const ulong DataAddress = AssembledMachine.DataAddress;

    [Test]
    public void LoopSumsAndStopsAtTheSyscall()
    {
        using var machine = new AssembledMachine(mode, """
            li $2, 0
            li $3, 1000
            loop:
            daddu $2, $2, $3
            addiu $3, $3, -1
            bnez $3, loop
            nop
            syscall
            """);

        machine.Run();

        Assert.That(machine.State->Exception, Is.EqualTo(GuestException.Syscall));
        Assert.That(machine.State->Gpr[2], Is.EqualTo(500500UL));
        Assert.That(machine.State->ExceptionPc, Is.EqualTo(CodeAddress + 6 * 4));
    }

    [Test]
    public void ThirtyTwoBitResultsAreSignExtended()
    {
        using var machine = new AssembledMachine(mode, """
            lui $2, 0x7fff
            ori $2, $2, 0xffff
            addiu $3, $2, 1
            sll $4, $2, 1
            dsll32 $5, $2, 0
            syscall
            """);

        machine.Run();

        Assert.That(machine.State->Gpr[3], Is.EqualTo(0xFFFF_FFFF_8000_0000UL));
        Assert.That(machine.State->Gpr[4], Is.EqualTo(0xFFFF_FFFF_FFFF_FFFEUL));
        Assert.That(machine.State->Gpr[5], Is.EqualTo(0x7FFF_FFFF_0000_0000UL));
    }

    [Test]
    public void LoadsStoresAndUnalignedPartsUseLittleEndianMemory()
    {
        using var machine = new AssembledMachine(mode, $"""
            dli $8, {DataAddress}
            dli $9, 0x0807060504030201
            sd $9, 0($8)
            lbu $2, 1($8)
            lh $3, 2($8)
            lwl $4, 4($8)
            lwr $4, 1($8)
            ldl $5, 10($8)
            ldr $5, 3($8)
            syscall
            """);

        machine.Run();

        Assert.That(machine.State->Gpr[2], Is.EqualTo(0x02UL));
        Assert.That(machine.State->Gpr[3], Is.EqualTo(0x0403UL));
        Assert.That(machine.State->Gpr[4], Is.EqualTo(0x05040302UL));
        Assert.That(machine.State->Gpr[5] & 0x0000_0000_FFFF_FFFFUL, Is.EqualTo(0x07060504UL));
    }

    [Test]
    public void FaultInADelaySlotReportsTheBranchAndKeepsEarlierResults()
    {
        using var machine = new AssembledMachine(mode, """
            li $2, 7
            li $3, 1
            beq $3, $3, target
            lw $4, 0($0)
            target:
            syscall
            """);

        machine.Run();

        Assert.That(machine.State->Exception, Is.EqualTo(GuestException.TlbLoad));
        Assert.That(machine.State->ExceptionPc, Is.EqualTo(CodeAddress + 8));
        Assert.That(machine.State->ExceptionInDelaySlot, Is.EqualTo(1));
        Assert.That(machine.State->BadVAddr, Is.Zero);
        Assert.That(machine.State->Gpr[2], Is.EqualTo(7UL));
    }

    [Test]
    public void OverflowTrapLeavesTheDestinationUnchanged()
    {
        using var machine = new AssembledMachine(mode, """
            li $2, 5
            lui $3, 0x7fff
            ori $3, $3, 0xffff
            add $2, $3, $3
            syscall
            """);

        machine.Run();

        Assert.That(machine.State->Exception, Is.EqualTo(GuestException.Overflow));
        Assert.That(machine.State->ExceptionPc, Is.EqualTo(CodeAddress + 12));
        Assert.That(machine.State->Gpr[2], Is.EqualTo(5UL));
    }

    [Test]
    public void LoadsThroughOneBaseFaultWhereTheyCrossIntoAnUnmappedPage()
    {
        // The first block brings the data page into the software TLB; the loads after the branch share one check.
        using var machine = new AssembledMachine(mode, $"""
            dli $8, {DataAddress}
            li $9, 7
            li $4, 5
            sw $9, 0xff8($8)
            sw $9, 0xffc($8)
            b next
            nop
            next:
            lw $2, 0xff8($8)
            lw $3, 0xffc($8)
            lw $4, 0x1000($8)
            syscall
            """);

        machine.Run();

        Assert.That(machine.State->Exception, Is.EqualTo(GuestException.TlbLoad));
        Assert.That(machine.State->BadVAddr, Is.EqualTo(DataAddress + 0x1000));
        Assert.That(machine.State->Gpr[2], Is.EqualTo(7UL));
        Assert.That(machine.State->Gpr[3], Is.EqualTo(7UL));
        Assert.That(machine.State->Gpr[4], Is.EqualTo(5UL));
    }

    [Test]
    public void LoadsThroughABaseSteppedBetweenThemReadFromWhereItPoints()
    {
        // A loop's pointer stepped between its loads (md5's rounds): the loads after the step share the check made
        // before it, at offsets that count the step.
        using var machine = new AssembledMachine(mode, $"""
            dli $8, {DataAddress}
            li $9, 1
            sw $9, 0($8)
            li $9, 2
            sw $9, 4($8)
            li $9, 3
            sw $9, 8($8)
            b next
            nop
            next:
            lw $2, 0($8)
            daddiu $8, $8, 8
            lw $3, -4($8)
            lw $4, 0($8)
            syscall
            """);

        machine.Run();

        Assert.That(machine.State->Exception, Is.EqualTo(GuestException.Syscall));
        Assert.That(machine.State->Gpr[2], Is.EqualTo(1UL));
        Assert.That(machine.State->Gpr[3], Is.EqualTo(2UL));
        Assert.That(machine.State->Gpr[4], Is.EqualTo(3UL));
    }

    [Test]
    public void LoadsThroughASteppedBaseFaultWhereTheyCrossIntoAnUnmappedPage()
    {
        using var machine = new AssembledMachine(mode, $"""
            dli $8, {DataAddress}
            li $9, 7
            li $4, 5
            sw $9, 0xff8($8)
            sw $9, 0xffc($8)
            b next
            nop
            next:
            lw $2, 0xff8($8)
            daddiu $8, $8, 4
            lw $3, 0xff8($8)
            lw $4, 0xffc($8)
            syscall
            """);

        machine.Run();

        Assert.That(machine.State->Exception, Is.EqualTo(GuestException.TlbLoad));
        Assert.That(machine.State->BadVAddr, Is.EqualTo(DataAddress + 0x1000));
        Assert.That(machine.State->Gpr[2], Is.EqualTo(7UL));
        Assert.That(machine.State->Gpr[3], Is.EqualTo(7UL));
        Assert.That(machine.State->Gpr[4], Is.EqualTo(5UL));
    }

    [Test]
    public void TableLookupsByByteIndexesReadTheirEntries()
    {
        // md5's message words: lbu an index, dsll it by the entry size, daddu the table; the lookups share one check
        // of the table's register over every entry a byte index can reach.
        using var machine = new AssembledMachine(mode, $"""
            dli $8, {DataAddress}
            li $9, 0x1111
            sw $9, 0x10($8)
            li $9, 0x2222
            sw $9, 0x2c($8)
            li $9, 0x0b03
            sh $9, 0x400($8)
            b next
            nop
            next:
            lbu $10, 0x400($8)
            dsll $10, $10, 2
            daddu $10, $8, $10
            lw $2, 4($10)
            lbu $11, 0x401($8)
            dsll $11, $11, 2
            daddu $11, $11, $8
            lw $3, 0($11)
            syscall
            """);

        machine.Run();

        Assert.That(machine.State->Exception, Is.EqualTo(GuestException.Syscall));
        Assert.That(machine.State->Gpr[2], Is.EqualTo(0x1111UL));
        Assert.That(machine.State->Gpr[3], Is.EqualTo(0x2222UL));
    }

    [Test]
    public void TableLookupsFaultWhereAnIndexReachesAnUnmappedPage()
    {
        // The table's last 256 bytes of the page: its entries past them would be on the next page, which is unmapped,
        // so the lookups make their own checks, and the one that goes there faults with its own address.
        using var machine = new AssembledMachine(mode, $"""
            dli $8, {DataAddress + 0xf00}
            li $9, 7
            sw $9, 0x20($8)
            li $9, 0x4008
            sh $9, 0x10($8)
            li $4, 5
            b next
            nop
            next:
            lbu $10, 0x10($8)
            dsll $10, $10, 2
            daddu $10, $8, $10
            lw $2, 0($10)
            lbu $11, 0x11($8)
            dsll $11, $11, 2
            daddu $11, $8, $11
            lw $4, 0($11)
            syscall
            """);

        machine.Run();

        Assert.That(machine.State->Exception, Is.EqualTo(GuestException.TlbLoad));
        Assert.That(machine.State->BadVAddr, Is.EqualTo(DataAddress + 0xf00 + 0x40 * 4));
        Assert.That(machine.State->Gpr[2], Is.EqualTo(7UL));
        Assert.That(machine.State->Gpr[4], Is.EqualTo(5UL));
    }

    [Test]
    public void StoresThroughOneBaseFaultWhereTheyCrossIntoAnUnmappedPage()
    {
        using var machine = new AssembledMachine(mode, $"""
            dli $8, {DataAddress}
            lw $2, 0($8)
            b next
            li $9, 7
            next:
            sw $9, 0xff8($8)
            sw $9, 0xffc($8)
            sw $9, 0x1000($8)
            syscall
            """);

        machine.Run();

        Assert.That(machine.State->Exception, Is.EqualTo(GuestException.TlbStore));
        Assert.That(machine.State->BadVAddr, Is.EqualTo(DataAddress + 0x1000));
    }

    [Test]
    public void StoreIntoTheSecondPageOfABlockRunsTheNewCode()
    {
        // The routine's block runs on from one page into the next; rewriting its instruction there ("li v0,1" becomes
        // "li v0,2") must drop the block, though the first page was not written.
        using var machine = new AssembledMachine(mode, $"""
            dli $16, {CodeAddress + 0xff8}
            jalr $16
            nop
            move $17, $2
            dli $9, 0x24020002
            sw $9, 8($16)
            jalr $16
            nop
            syscall
            .org 0xff8
            nop
            nop
            li $2, 1
            jr $31
            nop
            """);

        machine.Run();

        Assert.That(machine.State->Exception, Is.EqualTo(GuestException.Syscall));
        Assert.That(machine.State->Gpr[17], Is.EqualTo(1UL));
        Assert.That(machine.State->Gpr[2], Is.EqualTo(2UL));
    }

    [Test]
    public void StoreOverTranslatedCodeRunsTheNewCode()
    {
        // Run a routine that returns 1 in v0, then patch its first instruction to "li v0,2" and run again.
        using var machine = new AssembledMachine(mode, $"""
            dli $16, {CodeAddress + 0x100}
            jalr $16
            nop
            move $17, $2
            dli $9, 0x24020002
            sw $9, 0($16)
            jalr $16
            nop
            syscall
            .org 0x100
            li $2, 1
            jr $31
            nop
            """);

        machine.Run();

        Assert.That(machine.State->Exception, Is.EqualTo(GuestException.Syscall));
        Assert.That(machine.State->Gpr[17], Is.EqualTo(1UL));
        Assert.That(machine.State->Gpr[2], Is.EqualTo(2UL));
    }
}
