using System.Buffers.Binary;
using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Runtime.Memory;

namespace LoongsonDbt.UserMode;

/// <summary>
/// The guest's signal dispositions, mask, pending set and alternate stack, and delivery through an n64
/// rt_sigframe (arch/mips/kernel/signal.c) so that handlers, siglongjmp and rt_sigreturn behave as on Linux.
/// </summary>
public sealed unsafe class SignalState
{
    /// <summary><c>li v0, 5211; syscall</c>: rt_sigreturn, as the vDSO trampoline (n64 has no SA_RESTORER).</summary>
    public static readonly uint[] TrampolineCode = [0x2402_0000 | (uint)SyscallNumber.RtSigreturn, 0x0000_000c];

    public const int SiUser = 0;
    public const int SiTkill = -6;

    // rt_sigframe: rs_ass[4] + rs_pad[2] (24 bytes), siginfo (128), ucontext.
    private const int InfoOffset = 24;
    private const int ContextOffset = InfoOffset + 128;

    // ucontext: uc_flags, uc_link, uc_stack (24), uc_mcontext (sigcontext, 600), uc_sigmask (16).
    private const int StackOffset = 16;
    private const int MachineContextOffset = 40;
    private const int SignalMaskOffset = MachineContextOffset + 600;
    private const int FrameSize = ContextOffset + SignalMaskOffset + GuestSignal.SigsetSize;

    // sigcontext: sc_regs[32], sc_fpregs[32], sc_mdhi, sc_hi1..3, sc_mdlo, sc_lo1..3, sc_pc, sc_fpc_csr, sc_used_math.
    private const int ScFpregs = 256;
    private const int ScMdhi = 512;
    private const int ScMdlo = 544;
    private const int ScPc = 576;
    private const int ScFpcCsr = 584;
    private const int ScUsedMath = 588;

    private const int SsOnStack = 1;
    private const int SsDisable = 2;

    private static readonly SignalSet s_unblockable = SignalSet.Of(GuestSignal.SIGKILL) | SignalSet.Of(GuestSignal.SIGSTOP);

    private readonly SignalAction[] _actions = new SignalAction[GuestSignal.Count + 1];
    private readonly AddressSpace _memory;
    private readonly TextWriter? _diagnostics;
    private SignalSet _pending;
    private readonly int[] _pendingCodes = new int[GuestSignal.Count + 1];

    public SignalState(AddressSpace memory, TextWriter? diagnostics, ulong trampoline)
    {
        _memory = memory;
        _diagnostics = diagnostics;
        Trampoline = trampoline;
    }

    /// <summary>Where a fatal signal is reported; the host's stderr, opened only when there is one to report.</summary>
    private TextWriter Diagnostics => _diagnostics ?? Console.Error;

    /// <summary>The guest address of <see cref="TrampolineCode"/>: every handler returns there.</summary>
    public ulong Trampoline { get; }

    public SignalSet Blocked { get; private set; }

    /// <summary>The signal whose default action ended the process, once one has.</summary>
    public int TerminatingSignal { get; private set; }

    public ulong AltStackBase { get; private set; }

    public ulong AltStackSize { get; private set; }

    public bool AltStackEnabled { get; private set; }

    public SignalAction GetAction(int signal) => _actions[signal];

    public void SetAction(int signal, SignalAction action) => _actions[signal] = action;

    public void SetBlocked(SignalSet mask) => Blocked = mask & ~s_unblockable;

    /// <summary>sigaltstack: returns 0 or a negative errno. <paramref name="sp"/> tells whether we are on the stack now.</summary>
    public int SetAltStack(ulong stackBase, ulong size, int flags, ulong sp)
    {
        if (OnAltStack(sp))
        {
            return -Errno.EPERM;
        }

        if ((flags & ~(SsDisable | SsOnStack)) != 0)
        {
            return -Errno.EINVAL;
        }

        if ((flags & SsDisable) != 0)
        {
            AltStackEnabled = false;
            AltStackBase = 0;
            AltStackSize = 0;
            return 0;
        }

        // MINSIGSTKSZ on MIPS; the kernel answers a smaller stack with ENOMEM.
        if (size < 2048)
        {
            return -Errno.ENOMEM;
        }

        AltStackEnabled = true;
        AltStackBase = stackBase;
        AltStackSize = size;
        return 0;
    }

    /// <summary>The ss_flags value sigaltstack reports.</summary>
    public int AltStackFlags(ulong sp) => !AltStackEnabled ? SsDisable : OnAltStack(sp) ? SsOnStack : 0;

    /// <summary>
    /// A signal caused by the instruction at <c>state-&gt;Pc</c> (a fault): like the kernel's force_sig,
    /// a blocked or ignored signal falls back to the default action.
    /// </summary>
    public SignalDisposition RaiseFault(CpuState* state, int signal, int code, ulong address)
    {
        SignalAction action = _actions[signal];
        if (Blocked.Contains(signal) || action.Handler == SignalAction.Ignore)
        {
            _actions[signal] = default;
            action = default;
        }

        if (action.Handler == SignalAction.Default)
        {
            return Terminate(state, signal, address);
        }

        return Deliver(state, signal, code, address, action);
    }

    /// <summary>A signal the guest sent itself (kill, tgkill, raise): pending until unblocked.</summary>
    public void Post(int signal, int code)
    {
        if (_actions[signal].Handler == SignalAction.Ignore
            || (_actions[signal].Handler == SignalAction.Default && GuestSignal.DefaultIsHarmless(signal)))
        {
            return;
        }

        _pending |= SignalSet.Of(signal);
        _pendingCodes[signal] = code;
    }

    /// <summary>Delivers the lowest pending unblocked signal, if any; the guest resumes at <c>state-&gt;Pc</c> afterwards.</summary>
    public SignalDisposition DeliverPending(CpuState* state)
    {
        SignalSet ready = _pending & ~Blocked;
        if (ready.IsEmpty)
        {
            return SignalDisposition.NotDelivered;
        }

        int signal = ready.First;
        _pending &= ~SignalSet.Of(signal);
        SignalAction action = _actions[signal];
        if (action.Handler == SignalAction.Ignore)
        {
            return SignalDisposition.NotDelivered;
        }

        if (action.Handler == SignalAction.Default)
        {
            return GuestSignal.DefaultIsHarmless(signal) ? SignalDisposition.NotDelivered : Terminate(state, signal, 0);
        }

        return Deliver(state, signal, _pendingCodes[signal], 0, action);
    }

    /// <summary>rt_sigreturn: restores what <see cref="Deliver"/> saved; false when the frame is unreadable.</summary>
    public bool Return(CpuState* state)
    {
        ulong frame = state->Gpr[29];
        byte[] context = new byte[FrameSize - ContextOffset];
        if (!_memory.TryRead(frame + ContextOffset, context))
        {
            return false;
        }

        ReadOnlySpan<byte> mc = context.AsSpan(MachineContextOffset);
        for (int i = 1; i < 32; i++)
        {
            state->Gpr[i] = BinaryPrimitives.ReadUInt64LittleEndian(mc[(8 * i)..]);
        }

        for (int i = 0; i < 32; i++)
        {
            state->Fpr[i] = BinaryPrimitives.ReadUInt64LittleEndian(mc[(ScFpregs + 8 * i)..]);
        }

        state->Hi = BinaryPrimitives.ReadUInt64LittleEndian(mc[ScMdhi..]);
        state->Lo = BinaryPrimitives.ReadUInt64LittleEndian(mc[ScMdlo..]);
        state->Pc = BinaryPrimitives.ReadUInt64LittleEndian(mc[ScPc..]);
        state->Fcsr = BinaryPrimitives.ReadUInt32LittleEndian(mc[ScFpcCsr..]);
        SetBlocked(SignalSet.Read(context.AsSpan(SignalMaskOffset)));
        return true;
    }

    private SignalDisposition Deliver(CpuState* state, int signal, int code, ulong address, SignalAction action)
    {
        ulong sp = state->Gpr[29];
        if ((action.Flags & SignalAction.SaOnStack) != 0 && AltStackEnabled && !OnAltStack(sp))
        {
            sp = AltStackBase + AltStackSize;
        }

        ulong frame = (sp - 32 - FrameSize) & ~15UL;
        byte[] bytes = new byte[FrameSize];
        Span<byte> info = bytes.AsSpan(InfoOffset);
        BinaryPrimitives.WriteInt32LittleEndian(info, signal);
        BinaryPrimitives.WriteInt32LittleEndian(info[4..], code);
        if (code is SiUser or SiTkill)
        {
            BinaryPrimitives.WriteInt32LittleEndian(info[16..], Libc.getpid());
            BinaryPrimitives.WriteUInt32LittleEndian(info[20..], Libc.getuid());
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(info[16..], address);
        }

        Span<byte> context = bytes.AsSpan(ContextOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(context[StackOffset..], AltStackBase);
        BinaryPrimitives.WriteUInt64LittleEndian(context[(StackOffset + 8)..], AltStackSize);
        BinaryPrimitives.WriteInt32LittleEndian(context[(StackOffset + 16)..], AltStackFlags(state->Gpr[29]));
        Span<byte> mc = context[MachineContextOffset..];
        for (int i = 0; i < 32; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(mc[(8 * i)..], state->Gpr[i]);
            BinaryPrimitives.WriteUInt64LittleEndian(mc[(ScFpregs + 8 * i)..], state->Fpr[i]);
        }

        BinaryPrimitives.WriteUInt64LittleEndian(mc[ScMdhi..], state->Hi);
        BinaryPrimitives.WriteUInt64LittleEndian(mc[ScMdlo..], state->Lo);
        BinaryPrimitives.WriteUInt64LittleEndian(mc[ScPc..], state->Pc);
        BinaryPrimitives.WriteUInt32LittleEndian(mc[ScFpcCsr..], state->Fcsr);
        BinaryPrimitives.WriteUInt32LittleEndian(mc[ScUsedMath..], 1);
        Blocked.Write(context[SignalMaskOffset..]);

        if (!_memory.TryWrite(frame, bytes))
        {
            // No room for the frame: the kernel kills the process with SIGSEGV.
            _actions[GuestSignal.SIGSEGV] = default;
            return Terminate(state, GuestSignal.SIGSEGV, frame);
        }

        SetBlocked(Blocked | action.Mask | ((action.Flags & SignalAction.SaNoDefer) != 0 ? default : SignalSet.Of(signal)));
        if ((action.Flags & SignalAction.SaResetHand) != 0)
        {
            _actions[signal] = default;
        }

        state->Gpr[4] = (ulong)signal;
        state->Gpr[5] = frame + InfoOffset;
        state->Gpr[6] = frame + ContextOffset;
        state->Gpr[29] = frame;
        state->Gpr[31] = Trampoline;
        state->Gpr[25] = action.Handler;
        state->Pc = action.Handler;
        return SignalDisposition.Delivered;
    }

    private SignalDisposition Terminate(CpuState* state, int signal, ulong address)
    {
        TerminatingSignal = signal;
        Diagnostics.WriteLine($"loongson-dbt: guest {GuestSignal.Name(signal)} at pc 0x{state->Pc:x} (address 0x{address:x})");
        Diagnostics.Flush();
        return SignalDisposition.Terminated;
    }

    private bool OnAltStack(ulong sp) => AltStackEnabled && sp > AltStackBase && sp <= AltStackBase + AltStackSize;
}
