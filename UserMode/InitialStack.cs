using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using LoongsonDbt.Runtime.Memory;

namespace LoongsonDbt.UserMode;

/// <summary>
/// Builds the Linux initial process stack (argc, argv, envp, auxv, then the strings and AT_RANDOM
/// bytes at the top) the way fs/binfmt_elf.c lays it out, and maps the stack itself.
/// </summary>
public static class InitialStack
{
    /// <summary>
    /// The stack ends one page below 2^47; that last page holds the signal trampoline, as the n64 kernel
    /// keeps its vDSO just above the stack.
    /// </summary>
    public const ulong StackTop = 0x7fff_ffff_f000;

    /// <summary>qemu-user's default guest stack size.</summary>
    public const ulong StackSize = 8UL << 20;

    /// <summary>What qemu-user reports for mips: 4 KiB, the page size this emulator maps with.</summary>
    public const ulong PageSize = 4096;

    /// <summary>HWCAP_LOONGSON_MMI | HWCAP_LOONGSON_EXT, as the 3A1000 (QEMU's Loongson-3A1000 model) reports.</summary>
    public const ulong HardwareCapabilities = (1UL << 11) | (1UL << 12);

    public const string Platform = "loongson3a";

    public const ulong AtNull = 0;
    public const ulong AtPhdr = 3;
    public const ulong AtPhent = 4;
    public const ulong AtPhnum = 5;
    public const ulong AtPagesz = 6;
    public const ulong AtBase = 7;
    public const ulong AtFlags = 8;
    public const ulong AtEntry = 9;
    public const ulong AtUid = 11;
    public const ulong AtEuid = 12;
    public const ulong AtGid = 13;
    public const ulong AtEgid = 14;
    public const ulong AtPlatform = 15;
    public const ulong AtHwcap = 16;
    public const ulong AtClktck = 17;
    public const ulong AtSecure = 23;
    public const ulong AtRandom = 25;
    public const ulong AtExecfn = 31;

    /// <summary>Maps the stack below <see cref="StackTop"/> and fills it; returns the initial sp.</summary>
    public static ulong Build(AddressSpace memory, LoadedProgram program, IReadOnlyList<string> arguments,
        IReadOnlyList<string> environment, string executableName)
    {
        memory.Map(StackTop - StackSize, StackSize, PageProtection.ReadWrite);
        ulong cursor = StackTop;

        ulong PushBytes(ReadOnlySpan<byte> bytes)
        {
            cursor -= (ulong)bytes.Length;
            memory.Poke(cursor, bytes);
            return cursor;
        }

        ulong PushString(string value)
        {
            byte[] bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
            Encoding.UTF8.GetBytes(value, bytes);
            return PushBytes(bytes);
        }

        // A list's strings, the last pushed first so that they lie in order upward.
        ulong[] PushStrings(IReadOnlyList<string> values)
        {
            var pointers = new ulong[values.Count];
            for (int i = values.Count - 1; i >= 0; i--)
            {
                pointers[i] = PushString(values[i]);
            }

            return pointers;
        }

        // As binfmt_elf: the file name at the very top, then the environment and argument strings.
        ulong execfn = PushString(executableName);
        ulong[] environmentPointers = PushStrings(environment);
        ulong[] argumentPointers = PushStrings(arguments);
        ulong platform = PushString(Platform);
        cursor &= ~15UL;
        ulong random = PushBytes(RandomBytes(16));

        (ulong Type, ulong Value)[] auxv =
        [
            (AtHwcap, HardwareCapabilities),
            (AtPagesz, PageSize),
            (AtClktck, 100),
            (AtPhdr, program.ProgramHeaders),
            (AtPhent, (ulong)program.ProgramHeaderSize),
            (AtPhnum, (ulong)program.ProgramHeaderCount),
            (AtBase, 0),
            (AtFlags, 0),
            (AtEntry, program.Entry),
            (AtUid, Libc.getuid()),
            (AtEuid, Libc.geteuid()),
            (AtGid, Libc.getgid()),
            (AtEgid, Libc.getegid()),
            (AtSecure, 0),
            (AtRandom, random),
            (AtExecfn, execfn),
            (AtPlatform, platform),
            (AtNull, 0),
        ];

        int words = 1 + argumentPointers.Length + 1 + environmentPointers.Length + 1 + 2 * auxv.Length;
        ulong sp = (cursor - (ulong)(words * 8)) & ~15UL;
        byte[] table = new byte[words * 8];
        int index = 0;

        void Put(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(table.AsSpan(8 * index++), value);

        Put((ulong)argumentPointers.Length);
        foreach (ulong pointer in argumentPointers)
        {
            Put(pointer);
        }

        Put(0);
        foreach (ulong pointer in environmentPointers)
        {
            Put(pointer);
        }

        Put(0);
        foreach ((ulong type, ulong value) in auxv)
        {
            Put(type);
            Put(value);
        }

        memory.Poke(sp, table);
        return sp;
    }

    /// <summary>
    /// Bytes from the kernel's generator for AT_RANDOM (glibc's stack guard and pointer guard), through getrandom(2)
    /// as the guest's own calls get them: the managed cryptography stack would load OpenSSL for 16 bytes.
    /// </summary>
    private static unsafe byte[] RandomBytes(int count)
    {
        byte[] bytes = new byte[count];
        fixed (byte* buffer = bytes)
        {
            if (Libc.getrandom(buffer, count, 0) != count)
            {
                throw new IOException($"getrandom failed: {Marshal.GetLastPInvokeErrorMessage()}");
            }
        }

        return bytes;
    }
}
