using BenchmarkDotNet.Running;

namespace LoongsonDbt.Perf;

public static class Program
{
    /// <summary>Pick benchmarks with BenchmarkDotNet's switches, e.g. <c>--filter '*Decode*'</c>.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
