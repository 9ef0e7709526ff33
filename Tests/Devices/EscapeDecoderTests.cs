using LoongsonDbt.Cli.Terminal;

namespace LoongsonDbt.Tests.Devices;

/// <summary>QEMU's mon:stdio escape keys, byte by byte.</summary>
[TestFixture]
public sealed class EscapeDecoderTests
{
    [Test]
    public void PlainBytesAreForwarded()
    {
        var decoder = new EscapeDecoder();

        Assert.That(Decode(decoder, "ls -l\r\u0003\u001b[A"u8), Is.All.EqualTo(EscapeAction.Forward));
    }

    [Test]
    public void CtrlAThenXQuits()
    {
        var decoder = new EscapeDecoder();

        Assert.That(Decode(decoder, "\u0001x"u8), Is.EqualTo(new[] { EscapeAction.Consumed, EscapeAction.Quit }));
    }

    [Test]
    public void CtrlATwiceSendsOneCtrlA()
    {
        var decoder = new EscapeDecoder();

        Assert.That(Decode(decoder, "\u0001\u0001\u0001"u8), Is.EqualTo(new[] { EscapeAction.Consumed, EscapeAction.Forward, EscapeAction.Consumed }),
            "the forwarded byte is the second Ctrl-A; the third starts a new escape");
        Assert.That(decoder.Decode((byte)'x'), Is.EqualTo(EscapeAction.Quit));
    }

    [Test]
    public void CtrlAThenHOrQuestionMarkShowsHelp()
    {
        var decoder = new EscapeDecoder();

        Assert.That(Decode(decoder, "\u0001h\u0001?"u8), Is.EqualTo(new[] { EscapeAction.Consumed, EscapeAction.ShowHelp, EscapeAction.Consumed, EscapeAction.ShowHelp }));
        Assert.That(System.Text.Encoding.ASCII.GetString(EscapeDecoder.Help), Does.Contain("C-a x    exit emulator\r\n"));
    }

    [Test]
    public void UnknownEscapeCommandIsDroppedAndDecodingResumes()
    {
        var decoder = new EscapeDecoder();

        Assert.That(Decode(decoder, "\u0001qx"u8), Is.EqualTo(new[] { EscapeAction.Consumed, EscapeAction.Consumed, EscapeAction.Forward }),
            "x after a finished escape is an ordinary x");
    }

    private static EscapeAction[] Decode(EscapeDecoder decoder, ReadOnlySpan<byte> input)
    {
        var actions = new EscapeAction[input.Length];
        for (int i = 0; i < input.Length; i++)
        {
            actions[i] = decoder.Decode(input[i]);
        }

        return actions;
    }
}
