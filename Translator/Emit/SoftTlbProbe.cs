using System.Reflection.Emit;
using System.Runtime.InteropServices;
using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Runtime.Memory;

namespace LoongsonDbt.Translator.Emit;

/// <summary>
/// Emits the software-TLB hit path of <see cref="GuestMemory"/> into compiled code as plain IL: RyuJIT inlining a call
/// to it at every access (three methods deep) was a fifth of the JIT time of a region of loads, as md5's rounds are,
/// and that time decides how soon a process runs compiled.
/// </summary>
internal sealed class SoftTlbProbe(ILGenerator il)
{
    private static readonly int s_tlbOffset = (int)Marshal.OffsetOf(typeof(CpuState), nameof(CpuState.Tlb));
    private static readonly int s_writeTagOffset = (int)Marshal.OffsetOf(typeof(SoftTlbEntry), nameof(SoftTlbEntry.WriteTag));
    private static readonly int s_addendOffset = (int)Marshal.OffsetOf(typeof(SoftTlbEntry), nameof(SoftTlbEntry.Addend));

    private LocalBuilder? _entry;

    /// <summary>
    /// Branches to <paramref name="hit"/> when the software TLB holds the page of the guest address in
    /// <paramref name="address"/> for a naturally aligned <paramref name="size"/>-byte access (a store's write tag when
    /// <paramref name="write"/>) and the <paramref name="span"/> bytes from it stay in that page; falls through on a miss.
    /// There <see cref="EmitHostAddress"/> pushes the host address.
    /// </summary>
    /// <remarks>
    /// One compare covers both: it takes the tag of the range's last access (aligned as the first, the span being a
    /// multiple of the size) against the entry of the first. Were the last on the next page, that page number could
    /// not be in this entry, which only ever holds pages whose low bits index it (the trick QEMU's TCG uses for an
    /// access that may cross a page).
    /// </remarks>
    public void EmitRangeCheck(LocalBuilder address, int size, int span, bool write, Label hit)
    {
        LocalBuilder entry = _entry ??= il.DeclareLocal(typeof(nint));
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4, s_tlbOffset);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ldind_I);
        il.Emit(OpCodes.Ldloc, address);
        il.Emit(OpCodes.Ldc_I4, GuestMemory.TlbIndexShift);
        il.Emit(OpCodes.Shr_Un);
        il.Emit(OpCodes.Ldc_I8, (long)GuestMemory.TlbIndexMask);
        il.Emit(OpCodes.And);
        il.Emit(OpCodes.Conv_U);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stloc, entry);

        il.Emit(OpCodes.Ldloc, address);
        if (span > size)
        {
            il.Emit(OpCodes.Ldc_I8, (long)(span - size));
            il.Emit(OpCodes.Add);
        }

        il.Emit(OpCodes.Ldc_I8, (long)GuestMemory.TagMask(size));
        il.Emit(OpCodes.And);
        EmitEntryField(entry, write ? s_writeTagOffset : 0);
        il.Emit(OpCodes.Beq, hit);
    }

    /// <summary>Where <see cref="EmitRangeCheck"/> hit: pushes the host address of the guest address in <paramref name="address"/>.</summary>
    public void EmitHostAddress(LocalBuilder address)
    {
        il.Emit(OpCodes.Ldloc, address);
        EmitEntryField(_entry!, s_addendOffset);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Conv_U);
    }

    /// <summary>
    /// With a host address pushed: the load of <paramref name="size"/> bytes from it into <paramref name="value"/>, zero-extended,
    /// or the store of <paramref name="value"/>'s low bytes to it.
    /// </summary>
    public void EmitAccess(int size, LocalBuilder value, bool isStore)
    {
        if (isStore)
        {
            il.Emit(OpCodes.Ldloc, value);
            switch (size)
            {
                case 1: il.Emit(OpCodes.Conv_U1); il.Emit(OpCodes.Stind_I1); break;
                case 2: il.Emit(OpCodes.Conv_U2); il.Emit(OpCodes.Stind_I2); break;
                case 4: il.Emit(OpCodes.Conv_U4); il.Emit(OpCodes.Stind_I4); break;
                default: il.Emit(OpCodes.Stind_I8); break;
            }

            return;
        }

        switch (size)
        {
            case 1: il.Emit(OpCodes.Ldind_U1); il.Emit(OpCodes.Conv_U8); break;
            case 2: il.Emit(OpCodes.Ldind_U2); il.Emit(OpCodes.Conv_U8); break;
            case 4: il.Emit(OpCodes.Ldind_U4); il.Emit(OpCodes.Conv_U8); break;
            default: il.Emit(OpCodes.Ldind_I8); break;
        }

        il.Emit(OpCodes.Stloc, value);
    }

    private void EmitEntryField(LocalBuilder entry, int offset)
    {
        il.Emit(OpCodes.Ldloc, entry);
        if (offset != 0)
        {
            il.Emit(OpCodes.Ldc_I4, offset);
            il.Emit(OpCodes.Add);
        }

        il.Emit(OpCodes.Ldind_I8);
    }
}
