using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Translator.Semantics;

namespace LoongsonDbt.Translator.Execution;

/// <summary>
/// Calls a semantic function for the interpreter. Every argument travels as a 64-bit integer: the state
/// pointer and the ulong operands use the same integer registers in the managed calling convention, so
/// one function-pointer type per (arity, result) serves every instruction.
/// </summary>
public static unsafe class SemanticCall
{
    public const int MaxOperands = 5;

    public static ulong CallGpr(nint function, int arity, ulong* a) => arity switch
    {
        0 => ((delegate*<ulong>)function)(),
        1 => ((delegate*<ulong, ulong>)function)(a[0]),
        2 => ((delegate*<ulong, ulong, ulong>)function)(a[0], a[1]),
        3 => ((delegate*<ulong, ulong, ulong, ulong>)function)(a[0], a[1], a[2]),
        4 => ((delegate*<ulong, ulong, ulong, ulong, ulong>)function)(a[0], a[1], a[2], a[3]),
        _ => ((delegate*<ulong, ulong, ulong, ulong, ulong, ulong>)function)(a[0], a[1], a[2], a[3], a[4]),
    };

    public static bool CallCondition(nint function, int arity, ulong* a) => arity switch
    {
        1 => ((delegate*<ulong, bool>)function)(a[0]),
        2 => ((delegate*<ulong, ulong, bool>)function)(a[0], a[1]),
        3 => ((delegate*<ulong, ulong, ulong, bool>)function)(a[0], a[1], a[2]),
        _ => ((delegate*<ulong, ulong, ulong, ulong, bool>)function)(a[0], a[1], a[2], a[3]),
    };

    public static HiLo CallHiLo(nint function, int arity, ulong* a) => arity switch
    {
        2 => ((delegate*<ulong, ulong, HiLo>)function)(a[0], a[1]),
        3 => ((delegate*<ulong, ulong, ulong, HiLo>)function)(a[0], a[1], a[2]),
        _ => ((delegate*<ulong, ulong, ulong, ulong, HiLo>)function)(a[0], a[1], a[2], a[3]),
    };

    public static void CallVoid(nint function, int arity, ulong* a)
    {
        switch (arity)
        {
            case 0: ((delegate*<void>)function)(); break;
            case 1: ((delegate*<ulong, void>)function)(a[0]); break;
            case 2: ((delegate*<ulong, ulong, void>)function)(a[0], a[1]); break;
            case 3: ((delegate*<ulong, ulong, ulong, void>)function)(a[0], a[1], a[2]); break;
            case 4: ((delegate*<ulong, ulong, ulong, ulong, void>)function)(a[0], a[1], a[2], a[3]); break;
            default: ((delegate*<ulong, ulong, ulong, ulong, ulong, void>)function)(a[0], a[1], a[2], a[3], a[4]); break;
        }
    }
}
