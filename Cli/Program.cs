using System.CommandLine;

namespace LoongsonDbt.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("LoongsonDbt: a Loongson-3 (MIPS64) emulator and managed hypervisor.");
        return root.Parse(args).Invoke();
    }
}
