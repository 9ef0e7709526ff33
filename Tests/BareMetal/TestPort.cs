using LoongsonDbt.Runtime.Memory;

namespace LoongsonDbt.Tests.BareMetal;

/// <summary>
/// The device a bare-metal test program reports through (<see cref="BareMetalMachine"/>): 64-bit stores to
/// offset 0 are results, kept in order; a store to offset 8 says the program is done; a 64-bit store to
/// offset 0x10 holds the vCPU until the block at the stored guest address runs as compiled code, so a
/// program can make sure that what follows runs in the compiled tier; a store to offset 0x18 drives a
/// hardware interrupt line (bits 7:0 the line, bit 8 the level), as a device would. Anything else is a bus error, as an
/// unassigned address would be. A program that reports without end (an exception loop) is stopped.
/// </summary>
public sealed class TestPort(Action done, Action<ulong> awaitCompiled, Action<int, bool> setLine) : IMmioDevice
{
    public const ulong ResultOffset = 0x0;
    public const ulong DoneOffset = 0x8;
    public const ulong AwaitCompiledOffset = 0x10;
    public const ulong InterruptLineOffset = 0x18;
    public const ulong Length = 0x20;

    /// <summary>Far more than any program reports; reaching it means the program loops.</summary>
    public const int MaxResults = 10_000;

    private readonly List<ulong> _results = [];

    /// <summary>What the program reported so far; only read once the vCPU has stopped.</summary>
    public IReadOnlyList<ulong> Results => _results;

    /// <summary>The program reported <see cref="MaxResults"/> results and was stopped.</summary>
    public bool Overflowed { get; private set; }

    public bool TryRead(ulong offset, int size, out ulong value)
    {
        value = 0;
        return false;
    }

    public bool TryWrite(ulong offset, int size, ulong value)
    {
        switch (offset)
        {
            case ResultOffset when size == 8:
                if (_results.Count == MaxResults)
                {
                    Overflowed = true;
                    done();
                    return true;
                }

                _results.Add(value);
                return true;
            case DoneOffset:
                done();
                return true;
            case AwaitCompiledOffset when size == 8:
                awaitCompiled(value);
                return true;
            case InterruptLineOffset when size == 8:
                setLine((int)(value & 0xFF), (value & 0x100) != 0);
                return true;
            default:
                return false;
        }
    }
}
