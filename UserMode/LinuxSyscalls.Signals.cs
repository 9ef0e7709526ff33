using System.Buffers.Binary;
using LoongsonDbt.Runtime.Cpu;

namespace LoongsonDbt.UserMode;

/// <summary>rt_sigaction, rt_sigprocmask, sigaltstack and signals the guest sends itself.</summary>
public sealed unsafe partial class LinuxSyscalls
{
    // MIPS numbers sigprocmask's "how" from 1.
    private const int SigBlock = 1;
    private const int SigUnblock = 2;
    private const int SigSetMask = 3;

    private long ChangeSignalAction(int signal, ulong action, ulong oldAction, ulong setSize)
    {
        if (setSize != GuestSignal.SigsetSize || signal is < 1 or > GuestSignal.Count)
        {
            return -Errno.EINVAL;
        }

        SignalAction previous = _signals.GetAction(signal);
        if (action != 0)
        {
            if (signal is GuestSignal.SIGKILL or GuestSignal.SIGSTOP)
            {
                return -Errno.EINVAL;
            }

            byte[] raw = new byte[SignalAction.Size];
            if (!_memory.TryRead(action, raw))
            {
                return -Errno.EFAULT;
            }

            _signals.SetAction(signal, new SignalAction(
                BinaryPrimitives.ReadUInt64LittleEndian(raw.AsSpan(8)),
                BinaryPrimitives.ReadUInt32LittleEndian(raw),
                SignalSet.Read(raw.AsSpan(16))));
        }

        if (oldAction != 0)
        {
            byte[] raw = new byte[SignalAction.Size];
            BinaryPrimitives.WriteUInt32LittleEndian(raw, previous.Flags);
            BinaryPrimitives.WriteUInt64LittleEndian(raw.AsSpan(8), previous.Handler);
            previous.Mask.Write(raw.AsSpan(16));
            if (!_memory.TryWrite(oldAction, raw))
            {
                return -Errno.EFAULT;
            }
        }

        return 0;
    }

    private long SignalMask(int how, ulong set, ulong oldSet, ulong setSize)
    {
        if (setSize != GuestSignal.SigsetSize)
        {
            return -Errno.EINVAL;
        }

        SignalSet previous = _signals.Blocked;
        if (set != 0)
        {
            byte[] raw = new byte[GuestSignal.SigsetSize];
            if (!_memory.TryRead(set, raw))
            {
                return -Errno.EFAULT;
            }

            SignalSet mask = SignalSet.Read(raw);
            switch (how)
            {
                case SigBlock: _signals.SetBlocked(previous | mask); break;
                case SigUnblock: _signals.SetBlocked(previous & ~mask); break;
                case SigSetMask: _signals.SetBlocked(mask); break;
                default: return -Errno.EINVAL;
            }
        }

        if (oldSet != 0)
        {
            byte[] raw = new byte[GuestSignal.SigsetSize];
            previous.Write(raw);
            if (!_memory.TryWrite(oldSet, raw))
            {
                return -Errno.EFAULT;
            }
        }

        return 0;
    }

    /// <summary>sigaltstack; MIPS stack_t is ss_sp, ss_size, ss_flags (int) — flags last.</summary>
    private long AlternateStack(CpuState* state, ulong stack, ulong oldStack)
    {
        ulong sp = state->Gpr[29];
        byte[] previous = new byte[24];
        BinaryPrimitives.WriteUInt64LittleEndian(previous, _signals.AltStackBase);
        BinaryPrimitives.WriteUInt64LittleEndian(previous.AsSpan(8), _signals.AltStackSize);
        BinaryPrimitives.WriteInt32LittleEndian(previous.AsSpan(16), _signals.AltStackFlags(sp));
        if (stack != 0)
        {
            byte[] raw = new byte[24];
            if (!_memory.TryRead(stack, raw))
            {
                return -Errno.EFAULT;
            }

            int result = _signals.SetAltStack(BinaryPrimitives.ReadUInt64LittleEndian(raw),
                BinaryPrimitives.ReadUInt64LittleEndian(raw.AsSpan(8)), BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(16)), sp);
            if (result < 0)
            {
                return result;
            }
        }

        return oldStack == 0 || _memory.TryWrite(oldStack, previous) ? 0 : -Errno.EFAULT;
    }

    /// <summary>Only this process exists for the guest: signals to it become pending, others find no one.</summary>
    private long Kill(int pid, int signal, int code)
    {
        if (signal is < 0 or > GuestSignal.Count)
        {
            return -Errno.EINVAL;
        }

        if (pid != _pid && pid != 0 && pid != -1 && pid != -_pid)
        {
            return -Errno.ESRCH;
        }

        if (signal != 0)
        {
            _signals.Post(signal, code);
        }

        return 0;
    }
}
