using System.Collections;
using System.CommandLine;
using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Runtime.Images;
using LoongsonDbt.Runtime.Memory;
using LoongsonDbt.Translator.Execution;
using LoongsonDbt.Translator.Inspection;
using LoongsonDbt.UserMode;

namespace LoongsonDbt.Cli.Commands;

/// <summary><c>loongson-dbt run ELF [args...]</c>: run a static mips64el Linux program, as qemu-mips64el does.</summary>
internal static class RunCommand
{
    public const string Name = "run";

    public static Command Create()
    {
        var program = new Argument<FileInfo>("program") { Description = "A static (or static-PIE) mips64el n64 Linux program." };
        var arguments = new Argument<string[]>("arguments") { Description = "The program's arguments.", Arity = ArgumentArity.ZeroOrMore };
        var engine = new Option<EngineMode>("--engine") { Description = "tiered (default), interpreter, or compiled (compile every block first)." };
        var profile = new Option<bool>("--profile") { Description = "After the run, print the hottest blocks and the engine's totals on stderr." };
        var dumpIl = new Option<FileInfo?>("--dump-il") { Description = "After the run, write the compiled blocks as a .dll that ILSpy or ikdasm can open." };

        var command = new Command(Name, "Run a static mips64el Linux program (user mode).") { program, arguments, engine, profile, dumpIl };
        command.SetAction(parse => new Request(parse.GetValue(program)!, parse.GetValue(arguments) ?? [], parse.GetValue(engine),
            parse.GetValue(profile), parse.GetValue(dumpIl)).Execute());
        return command;
    }

    /// <summary>
    /// <c>run PROGRAM [ARGUMENTS...]</c> with none of our options, as qemu-mips64el is run, read without the command-line
    /// parser: its first parse costs about 10 ms of a start that QEMU completes in 15. Null for anything else (an option
    /// of ours, help, a response file), which the parser reads.
    /// </summary>
    public static Request? ParsePlainRun(string[] args) =>
        args.Length >= 2 && args[0] == Name && !args[1].StartsWith('-') && !args[1].StartsWith('@')
            ? new Request(new FileInfo(args[1]), args[2..], EngineMode.Tiered, Profile: false, DumpIl: null)
            : null;

    /// <summary>A run as the command line asked for it.</summary>
    public sealed record Request(FileInfo Program, string[] Arguments, EngineMode Engine, bool Profile, FileInfo? DumpIl)
    {
        /// <summary>Runs the program to its end; returns its exit status.</summary>
        public int Execute()
        {
            if (!Program.Exists)
            {
                throw new FileNotFoundException($"{Program.FullName}: no such file");
            }

            var options = new EngineOptions { Mode = Engine };
            using var memory = new AddressSpace();
            using var cpu = new GuestCpu();
            using var executionEngine = new ExecutionEngine(memory, options);
            string[] argv = [Program.ToString(), .. Arguments];
            LinuxProcess process = LinuxProcess.Start(Program.FullName, argv, HostEnvironment(), executionEngine, memory, cpu);
            int status = process.Run();

            if (Profile)
            {
                HotBlockProfile.Write(Console.Error, executionEngine, SymbolTable.FromElf(Program.FullName));
            }

            if (DumpIl is { } dump)
            {
                IlDump.Save(executionEngine.Cache.Blocks.Where(b => b.Compiled is not null), dump.FullName);
            }

            return status;
        }
    }

    /// <summary>
    /// Marks where the guest's own arguments start, so that options meant for the guest
    /// (<c>busybox sh -c ...</c>) are not read as ours: everything after the program is passed through,
    /// a <c>--</c> among it too. A <c>--</c> before the program already marks it.
    /// </summary>
    public static string[] SeparateGuestArguments(string[] args)
    {
        if (args.Length == 0 || args[0] != Name)
        {
            return args;
        }

        for (int i = 1; i < args.Length; i++)
        {
            if (args[i] == "--")
            {
                return args;
            }

            if (args[i] is "--engine" or "--dump-il")
            {
                i++;
            }
            else if (!args[i].StartsWith('-'))
            {
                return [.. args[..(i + 1)], "--", .. args[(i + 1)..]];
            }
        }

        return args;
    }

    /// <summary>
    /// Our own environment, in the order we were given it (as qemu-mips64el passes it on): the
    /// kernel's copy in /proc keeps the order, .NET's dictionary does not.
    /// </summary>
    private static string[] HostEnvironment()
    {
        const string initialEnvironment = "/proc/self/environ";
        if (!File.Exists(initialEnvironment))
        {
            return [.. Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().Select(e => $"{e.Key}={e.Value}")];
        }

        return File.ReadAllText(initialEnvironment).Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }
}
