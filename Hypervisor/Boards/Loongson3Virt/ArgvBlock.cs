using System.Buffers.Binary;
using System.Text;

namespace LoongsonDbt.Hypervisor.Boards.Loongson3Virt;

/// <summary>
/// The kernel command line as the firmware hands it over (PLATFORM.md §3.4): an argv array of 32-bit
/// KSEG0 pointers at <see cref="Loongson3VirtMemoryMap.ArgvBlockBase"/>, then the strings. Linux
/// skips argv[0] and reads the command line from argv[1]; the initrd's place travels there too, as
/// <c>rd_start=</c> and <c>rd_size=</c>, since LEFI has no field for it.
/// </summary>
public static class ArgvBlock
{
    /// <summary>QEMU keeps the pointers and both strings within 256 bytes.</summary>
    public const int Size = 256;

    /// <summary>argc: the program name and the whole command line as one argument.</summary>
    public const int ArgumentCount = 2;

    /// <summary>The pointer slots: argv[0], argv[1], a NULL terminator and one spare word.</summary>
    private const int PointerSlots = 4;

    private const string ProgramName = "g";

    /// <summary>The longest argv[1] that fits: what is left of the block after the pointers, "g\0" and the terminating NUL.</summary>
    public static int MaximumArgumentLength => Size - PointerSlots * sizeof(uint) - (ProgramName.Length + 1) - 1;

    /// <summary>
    /// argv[1]: the initrd parameters (when there is an initrd) followed by <paramref name="commandLine"/>.
    /// </summary>
    public static string KernelArguments(string commandLine, MemoryImage? initrd) => initrd is null
        ? commandLine
        : $"rd_start=0x{Loongson3VirtMemoryMap.ToKseg0(initrd.PhysicalAddress):x16} rd_size={initrd.Bytes.Length} {commandLine}";

    /// <summary>The block, <see cref="Size"/> bytes, to be placed at <see cref="Loongson3VirtMemoryMap.ArgvBlockBase"/>.</summary>
    /// <exception cref="BootConfigurationException">The arguments do not fit in the block.</exception>
    public static byte[] Build(string commandLine, MemoryImage? initrd)
    {
        byte[] argument = Encoding.UTF8.GetBytes(KernelArguments(commandLine, initrd));
        if (argument.Length > MaximumArgumentLength)
        {
            // QEMU cuts the line short silently; a kernel that quietly misses options is worse than an error.
            throw new BootConfigurationException(
                $"the kernel command line{(initrd is null ? "" : " with the initrd's rd_start/rd_size")} is {argument.Length} bytes; "
                + $"the firmware's argv block holds at most {MaximumArgumentLength}");
        }

        var block = new byte[Size];
        int programNameOffset = PointerSlots * sizeof(uint);
        int argumentOffset = programNameOffset + ProgramName.Length + 1;
        // Slot 2 stays 0, a proper argv terminator (QEMU leaves a stray value there that argc makes Linux ignore).
        BinaryPrimitives.WriteUInt32LittleEndian(block, Pointer(programNameOffset));
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(sizeof(uint)), Pointer(argumentOffset));
        Encoding.ASCII.GetBytes(ProgramName, block.AsSpan(programNameOffset));
        argument.CopyTo(block, argumentOffset);
        return block;
    }

    /// <summary>A string's KSEG0 address as Linux reads it: 32 bits, sign-extended.</summary>
    private static uint Pointer(int offset) =>
        (uint)Loongson3VirtMemoryMap.ToKseg0(Loongson3VirtMemoryMap.ArgvBlockBase + (ulong)offset);
}
