namespace LoongsonDbt.UserMode;

/// <summary>
/// struct termios as TCGETS/TCSETS pass it: MIPS has 23 control characters in its own order and moves
/// IEXTEN/TOSTOP/FLUSHO in c_lflag; the other flag words match the x86-64 host.
/// </summary>
public static class TerminalAttributes
{
    public const int GuestSize = 17 + 23;
    public const int HostSize = 17 + 19;

    // MIPS c_cc index → host c_cc index: VINTR VQUIT VERASE VKILL VMIN VTIME VEOL2 VSWTC VSTART VSTOP VSUSP
    // (11 unused) VREPRINT VDISCARD VWERASE VLNEXT VEOF VEOL.
    private static readonly int[] s_controlCharacters = [0, 1, 2, 3, 6, 5, 16, 7, 8, 9, 10, -1, 12, 13, 14, 15, 4, 11];

    // c_lflag (MIPS, host): IEXTEN, TOSTOP, FLUSHO; every other bit is shared.
    private static readonly (uint Guest, uint Host)[] s_localBits = [(0x100, 0x8000), (0x8000, 0x100), (0x2000, 0x1000)];

    public static void ToGuest(ReadOnlySpan<byte> host, Span<byte> guest)
    {
        guest.Clear();
        host[..17].CopyTo(guest);
        WriteLocal(guest, Translate(ReadLocal(host), fromGuest: false));
        for (int i = 0; i < s_controlCharacters.Length; i++)
        {
            if (s_controlCharacters[i] >= 0)
            {
                guest[17 + i] = host[17 + s_controlCharacters[i]];
            }
        }
    }

    public static void ToHost(ReadOnlySpan<byte> guest, Span<byte> host)
    {
        host.Clear();
        guest[..17].CopyTo(host);
        WriteLocal(host, Translate(ReadLocal(guest), fromGuest: true));
        for (int i = 0; i < s_controlCharacters.Length; i++)
        {
            if (s_controlCharacters[i] >= 0)
            {
                host[17 + s_controlCharacters[i]] = guest[17 + i];
            }
        }
    }

    private static uint ReadLocal(ReadOnlySpan<byte> termios) => BitConverter.ToUInt32(termios[12..]);

    private static void WriteLocal(Span<byte> termios, uint value) => BitConverter.TryWriteBytes(termios[12..], value);

    private static uint Translate(uint flags, bool fromGuest)
    {
        uint moved = s_localBits.Aggregate(0u, (mask, pair) => mask | (fromGuest ? pair.Guest : pair.Host));
        uint result = flags & ~moved;
        foreach ((uint guest, uint host) in s_localBits)
        {
            if ((flags & (fromGuest ? guest : host)) != 0)
            {
                result |= fromGuest ? host : guest;
            }
        }

        return result;
    }
}
