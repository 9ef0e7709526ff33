namespace LoongsonDbt.Cli.Terminal;

/// <summary>
/// The escape keys of QEMU's <c>-serial mon:stdio</c> console, so muscle memory carries over: Ctrl-A x
/// quits, Ctrl-A Ctrl-A sends one Ctrl-A, Ctrl-A h (or ?) lists the keys, and Ctrl-A followed by anything
/// else is dropped. In raw mode Ctrl-C reaches the guest as a byte, so this is the only way out.
/// </summary>
public sealed class EscapeDecoder
{
    /// <summary>Ctrl-A, QEMU's default escape key.</summary>
    public const byte EscapeKey = 0x01;

    /// <summary>The help text, with CR LF because the terminal is in raw mode.</summary>
    public static ReadOnlySpan<byte> Help => "C-a h    print this help\r\nC-a x    exit emulator\r\nC-a C-a  sends C-a\r\n"u8;

    private bool _afterEscape;

    public EscapeAction Decode(byte input)
    {
        if (_afterEscape)
        {
            _afterEscape = false;
            return input switch
            {
                EscapeKey => EscapeAction.Forward,
                (byte)'x' => EscapeAction.Quit,
                (byte)'h' or (byte)'?' => EscapeAction.ShowHelp,
                _ => EscapeAction.Consumed,
            };
        }

        if (input == EscapeKey)
        {
            _afterEscape = true;
            return EscapeAction.Consumed;
        }

        return EscapeAction.Forward;
    }
}
