namespace LoongsonDbt.Cli.Terminal;

/// <summary>What one byte typed at an interactive terminal means.</summary>
public enum EscapeAction
{
    /// <summary>Send the byte to the guest.</summary>
    Forward,

    /// <summary>The byte was part of an escape sequence; nothing to send.</summary>
    Consumed,

    /// <summary>Ctrl-A x: the user wants to leave the emulator.</summary>
    Quit,

    /// <summary>Ctrl-A h: show the escape keys.</summary>
    ShowHelp,
}
