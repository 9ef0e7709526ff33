using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;

namespace LoongsonDbt.Translator.Execution;

/// <summary>
/// Link slots for chaining compiled code (DBT-NOTES C.3): each constant exit of a compiled region
/// owns a slot in native memory holding the entry point of the region that starts at its target,
/// or zero. The exit tail-calls through the slot, so a transition costs an indirect jump instead of
/// a trip through the dispatcher. Slots are filled when their target is compiled and cleared when
/// it is invalidated.
/// </summary>
public sealed unsafe class ChainLinks : IDisposable
{
    /// <summary>Bounds native memory; exits beyond it simply return to the dispatcher.</summary>
    public const int Capacity = 1 << 20;

    /// <summary>Entries of the jump cache that register jumps (jr, jalr) look their target up in.</summary>
    public const int JumpCacheEntries = 1 << 14;

    /// <summary>A delegate, not MethodInfo.Invoke: reflection invokes through a stub it JIT-compiles first.</summary>
    private static readonly Func<DynamicMethod, RuntimeMethodHandle>? s_getMethodDescriptor =
        typeof(DynamicMethod).GetMethod("GetMethodDescriptor", BindingFlags.NonPublic | BindingFlags.Instance)
            ?.CreateDelegate<Func<DynamicMethod, RuntimeMethodHandle>>();

    private readonly nint* _slots;

    /// <summary>QEMU's tb_jmp_cache for computed jumps: pairs (guest address, entry point), direct-mapped by address.</summary>
    private readonly nint* _jumpCache;
    private readonly Dictionary<ulong, Target> _targets = [];
    private readonly Lock _lock = new();
    private int _used;

    public ChainLinks()
    {
        _slots = (nint*)NativeMemory.AllocZeroed((nuint)Capacity, (nuint)sizeof(nint));
        _jumpCache = (nint*)NativeMemory.AllocZeroed((nuint)JumpCacheEntries * 2, (nuint)sizeof(nint));
    }

    /// <summary>The jump cache's base, which compiled register jumps pass to <see cref="JumpSlot"/>.</summary>
    public nint* JumpCache => _jumpCache;

    /// <summary>
    /// Where a register jump to <paramref name="target"/> finds compiled code: the cache entry's entry-point
    /// field when the entry is for that address, else null (the jump returns to the dispatcher).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static nint* JumpSlot(nint* jumpCache, ulong target)
    {
        nint* entry = jumpCache + (((target >> 2) & (JumpCacheEntries - 1)) << 1);
        return (ulong)entry[0] == target ? entry + 1 : null;
    }

    /// <summary>How many exits own a slot.</summary>
    public int Slots => _used;

    /// <summary>How many of those slots currently point at compiled code.</summary>
    public int Linked
    {
        get
        {
            lock (_lock)
            {
                int linked = 0;
                for (int i = 0; i < _used; i++)
                {
                    linked += _slots[i] != 0 ? 1 : 0;
                }

                return linked;
            }
        }
    }

    /// <summary>A slot for an exit to <paramref name="target"/>, already filled if the target is compiled; null when full.</summary>
    public nint* Allocate(ulong target)
    {
        lock (_lock)
        {
            if (_used == Capacity)
            {
                return null;
            }

            int index = _used++;
            if (!_targets.TryGetValue(target, out Target? known))
            {
                _targets[target] = known = new Target();
            }

            known.Slots.Add(index);
            _slots[index] = known.Entry;
            return _slots + index;
        }
    }

    /// <summary>
    /// The native entry point of a compiled method, for calls without a delegate (whose shuffle thunk costs
    /// several ns per call, DBT-NOTES B.2); zero where the runtime does not expose it.
    /// </summary>
    public static nint EntryPoint(DynamicMethod method) =>
        s_getMethodDescriptor is { } descriptor ? descriptor(method).GetFunctionPointer() : 0;

    /// <summary>Points every exit to <paramref name="address"/> at <paramref name="entry"/>.</summary>
    public void Publish(ulong address, nint entry)
    {
        if (entry == 0)
        {
            return;
        }

        lock (_lock)
        {
            if (!_targets.TryGetValue(address, out Target? target))
            {
                _targets[address] = target = new Target();
            }

            target.Entry = entry;
            foreach (int index in target.Slots)
            {
                _slots[index] = entry;
            }

            // Entry point first: a reader that sees the new address must not see a stale entry point.
            nint* cached = JumpCacheEntry(address);
            cached[1] = entry;
            Volatile.Write(ref cached[0], (nint)address);
        }
    }

    /// <summary>Sends every exit to <paramref name="address"/> back to the dispatcher (its code was invalidated).</summary>
    public void Unlink(ulong address)
    {
        lock (_lock)
        {
            if (_targets.TryGetValue(address, out Target? target))
            {
                target.Entry = 0;
                foreach (int index in target.Slots)
                {
                    _slots[index] = 0;
                }
            }

            nint* cached = JumpCacheEntry(address);
            if ((ulong)cached[0] == address)
            {
                cached[0] = 0;
                cached[1] = 0;
            }
        }
    }

    public void Dispose()
    {
        NativeMemory.Free(_slots);
        NativeMemory.Free(_jumpCache);
    }

    private nint* JumpCacheEntry(ulong address) => _jumpCache + (((address >> 2) & (JumpCacheEntries - 1)) << 1);

    /// <summary>A guest address exits go to: its compiled entry point (or zero) and the slots of those exits.</summary>
    private sealed class Target
    {
        public nint Entry;

        public List<int> Slots { get; } = [];
    }
}
