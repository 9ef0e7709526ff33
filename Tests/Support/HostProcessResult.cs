using System.Text;

namespace LoongsonDbt.Tests.Support;

public sealed record HostProcessResult(int ExitCode, byte[] Output, string Error)
{
    public string OutputText => Encoding.UTF8.GetString(Output);
}
