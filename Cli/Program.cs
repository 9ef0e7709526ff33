using System.CommandLine;
using LoongsonDbt.Cli.Commands;
using LoongsonDbt.Cli.Guests;
using LoongsonDbt.Hypervisor.Boards.Loongson3Virt;
using LoongsonDbt.Runtime.Images;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        ExecutionEngine.PrepareTablesInBackground();
        try
        {
            return RunCommand.ParsePlainRun(args) is { } run ? run.Execute() : ParseAndInvoke(args);
        }
        catch (Exception exception) when (exception is InvalidGuestImageException or GuestUnavailableException or BootConfigurationException
                                              or FileNotFoundException or KeyNotFoundException or FormatException
                                              or ArgumentException or IOException)
        {
            Console.Error.WriteLine($"loongson-dbt: {exception.Message}");
            return 1;
        }
    }

    private static int ParseAndInvoke(string[] args)
    {
        var root = new RootCommand("LoongsonDbt: a Loongson-3 (MIPS64) emulator and managed hypervisor.")
        {
            FetchCommand.Create(),
            DisasmCommand.Create(),
            RunCommand.Create(),
            InitramfsCommand.Create(),
            BootCommand.Create(),
        };
        return root.Parse(RunCommand.SeparateGuestArguments(args)).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }
}
