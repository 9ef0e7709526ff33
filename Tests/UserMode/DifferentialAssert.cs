using System.Text;
using LoongsonDbt.Tests.Support;

namespace LoongsonDbt.Tests.UserMode;

/// <summary>The differential check: same exit status and byte-identical stdout as QEMU (stderr is only reported).</summary>
public static class DifferentialAssert
{
    public static void SameAsQemu(HostProcessResult expected, HostProcessResult actual, string subject)
    {
        int mismatch = FirstDifference(expected.Output, actual.Output);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(actual.ExitCode, Is.EqualTo(expected.ExitCode),
                $"{subject}: exit status differs from QEMU's; its stderr:\n{Tail(actual.Error)}");
            Assert.That(mismatch, Is.EqualTo(-1),
                $"{subject}: stdout differs from QEMU's at byte {mismatch} (QEMU wrote {expected.Output.Length} bytes, "
                + $"{subject} {actual.Output.Length})\nQEMU:  {Around(expected.Output, mismatch)}\n"
                + $"{subject}: {Around(actual.Output, mismatch)}\n{subject} stderr:\n{Tail(actual.Error)}");
        }
    }

    private static int FirstDifference(byte[] a, byte[] b)
    {
        int common = a.AsSpan().CommonPrefixLength(b);
        return common == a.Length && common == b.Length ? -1 : common;
    }

    /// <summary>The bytes around <paramref name="offset"/>, with control characters escaped so binary output stays readable.</summary>
    private static string Around(byte[] bytes, int offset)
    {
        int start = Math.Max(0, offset - 48);
        int end = Math.Min(bytes.Length, offset + 48);
        var text = new StringBuilder();
        for (int i = start; i < end; i++)
        {
            byte b = bytes[i];
            text.Append(b is >= 0x20 and < 0x7f ? ((char)b).ToString() : $"\\x{b:x2}");
        }

        return $"[{start}..{end}) {text}";
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : "..." + text[^2000..];
}
