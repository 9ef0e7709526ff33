using LoongsonDbt.Cli;

namespace LoongsonDbt.Tests.Cli;

/// <summary>Runs <c>loongson-dbt</c> in this process with its stdout and stderr captured (the fixtures using it are NonParallelizable).</summary>
public static class InProcessCli
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        TextWriter originalOut = Console.Out, originalError = Console.Error;
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            int exitCode = Program.Main(args);
            return (exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }
}
