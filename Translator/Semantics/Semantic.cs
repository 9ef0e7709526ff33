using System.Reflection;
using System.Runtime.CompilerServices;
using LoongsonDbt.Translator.Decoding;

namespace LoongsonDbt.Translator.Semantics;

/// <summary>
/// The semantic function of one instruction and how to call it: the argument sources (from the
/// parameter names), the result and its destination register field.
/// </summary>
public sealed class Semantic
{
    public Semantic(InstructionName name, MethodInfo method, OperandSource[] operands, ResultKind result, int destinationShift, int storeSize = 0)
    {
        WordResult = method.GetCustomAttribute<SignExtendedWordAttribute>()?.Result ?? WordResult.Never;
        StoreSize = storeSize;
        foreach (OperandSource operand in operands)
        {
            LoadSize = Math.Max(LoadSize, LoadedBytes(operand)); // at most one loaded operand
        }

        Name = name;
        Method = method;
        Operands = operands;
        Result = result;
        DestinationShift = destinationShift;
        FunctionPointer = method.MethodHandle.GetFunctionPointer();
        IsSimpleGpr = result == ResultKind.Gpr && operands.Length is >= 1 and <= 3 && !MayRaise;
    }

    /// <summary>
    /// A GPR result from one to three operands, none of them the state: only a loaded operand can raise
    /// (the interpreter's fast path).
    /// </summary>
    public bool IsSimpleGpr { get; }

    public InstructionName Name { get; }

    public MethodInfo Method { get; }

    public OperandSource[] Operands { get; }

    public ResultKind Result { get; }

    /// <summary>Bit position of the destination GPR field (11 for rd, 16 for rt), or -1.</summary>
    public int DestinationShift { get; }

    /// <summary>The GPR the result of <paramref name="instruction"/> goes to (0 discards it), when <see cref="DestinationShift"/> names one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DestinationOf(in DecodedInstruction instruction) => (int)(instruction.Word >> DestinationShift) & 0x1F;

    /// <summary>When the GPR result is a sign-extended 32-bit value (<see cref="SignExtendedWordAttribute"/>).</summary>
    public WordResult WordResult { get; }

    /// <summary>For <see cref="ResultKind.Store"/>: how many bytes the engine stores.</summary>
    public int StoreSize { get; }

    /// <summary>How many bytes the engine loads for a <c>loaded8</c>..<c>loaded64</c> operand; 0 without one.</summary>
    public int LoadSize { get; }

    /// <summary>Whether the function may record a guest exception (it takes the state).</summary>
    public bool MayRaise => Operands.Length > 0 && Operands[0] == OperandSource.State;

    /// <summary>The entry point, for the interpreter's calls through function pointers.</summary>
    public nint FunctionPointer { get; }

    private static int LoadedBytes(OperandSource source) => source switch
    {
        OperandSource.Loaded8 => 1,
        OperandSource.Loaded16 => 2,
        OperandSource.Loaded32 => 4,
        OperandSource.Loaded64 => 8,
        _ => 0,
    };
}
