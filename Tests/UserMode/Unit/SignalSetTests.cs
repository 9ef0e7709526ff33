using LoongsonDbt.UserMode;

namespace LoongsonDbt.Tests.UserMode.Unit;

/// <summary>
/// The signal set against the kernel's sigset_t layout for MIPS (_NSIG 128, 64-bit words): sigaddset sets bit
/// (n - 1) % 64 of word (n - 1) / 64, and the words are stored little-endian in order.
/// </summary>
[TestFixture]
public sealed class SignalSetTests
{
    [TestCase(1, 0, 0x1UL, 0UL)]
    [TestCase(64, 7, 0x8000_0000_0000_0000UL, 0UL)]
    [TestCase(65, 8, 0UL, 0x1UL)]
    [TestCase(128, 15, 0UL, 0x8000_0000_0000_0000UL)]
    public void OneSignalIsItsBitInTheKernelsLayout(int signal, int byteIndex, ulong low, ulong high)
    {
        SignalSet set = SignalSet.Of(signal);
        byte[] bytes = new byte[16];
        set.Write(bytes);

        Assert.That(set, Is.EqualTo(new SignalSet(low, high)));
        Assert.That(Array.FindIndex(bytes, b => b != 0), Is.EqualTo(byteIndex));
        Assert.That(SignalSet.Read(bytes), Is.EqualTo(set));
        Assert.That(set.First, Is.EqualTo(signal));
        Assert.That(set.Contains(signal) && !set.Contains(signal == 1 ? 2 : signal - 1), Is.True);
    }

    [Test]
    public void FirstIsTheLowestSignalAndEmptyHasNone()
    {
        SignalSet set = SignalSet.Of(70) | SignalSet.Of(3);

        Assert.That(set.First, Is.EqualTo(3));
        Assert.That((set & ~SignalSet.Of(3)).First, Is.EqualTo(70));
        Assert.That((set & ~set).IsEmpty && (set & ~set).First == 0, Is.True);
    }
}
