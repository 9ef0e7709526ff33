using System.Collections.Immutable;
using System.Reflection;
using LoongsonDbt.Translator.Decoding;

namespace LoongsonDbt.Translator.Semantics;

/// <summary>
/// Finds each instruction's semantic function by name in the semantics classes and reads its calling
/// convention from its parameters. Instructions with no function are control flow handled by the
/// engine itself, or not available to guests of this engine (they raise Reserved Instruction).
/// </summary>
public static class SemanticsTable
{
    private static readonly Type[] s_classes =
    [
        typeof(IntegerOperations), typeof(MultiplyDivideOperations), typeof(BranchConditions),
        typeof(SystemOperations), typeof(MemoryOperations), typeof(FpuOperations), typeof(Cp0Operations),
    ];

    private static readonly ImmutableArray<Semantic?> s_byName = Build();

    public static Semantic? Get(InstructionName name) => s_byName[(int)name];

    private static ImmutableArray<Semantic?> Build()
    {
        var byName = new Semantic?[Enum.GetValues(typeof(InstructionName)).Length];
        foreach (Type type in s_classes)
        {
            foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                // The non-generic parse: Enum.TryParse<InstructionName> would be JIT-compiled at every start.
                if (!Enum.TryParse(typeof(InstructionName), method.Name, out object? parsed) || parsed is not InstructionName name
                    || name == InstructionName.Reserved)
                {
                    continue;
                }

                if (byName[(int)name] is not null)
                {
                    throw new InvalidOperationException($"{name} has two semantic functions.");
                }

                byName[(int)name] = Describe(name, method);
            }
        }

        return [.. byName];
    }

    private static Semantic Describe(InstructionName name, MethodInfo method)
    {
        ParameterInfo[] parameters = method.GetParameters();
        var operands = new OperandSource[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            operands[i] = parameters[i].Name switch
            {
                "state" => OperandSource.State,
                "rs" => OperandSource.Rs,
                "rt" => OperandSource.Rt,
                "rd" => OperandSource.Rd,
                "sa" => OperandSource.Sa,
                "immediate" => OperandSource.Immediate,
                "word" => OperandSource.Word,
                "address" => OperandSource.Address,
                "hi" => OperandSource.Hi,
                "lo" => OperandSource.Lo,
                "loaded8" => OperandSource.Loaded8,
                "loaded16" => OperandSource.Loaded16,
                "loaded32" => OperandSource.Loaded32,
                "loaded64" => OperandSource.Loaded64,
                _ => throw new InvalidOperationException($"{method.DeclaringType?.Name}.{method.Name}: unknown operand '{parameters[i].Name}'."),
            };
        }

        int storeSize = method.GetCustomAttribute<StoresAttribute>()?.Size ?? 0;
        ResultKind result = storeSize != 0 ? ResultKind.Store
            : method.ReturnType == typeof(ulong) ? ResultKind.Gpr
            : method.ReturnType == typeof(HiLo) ? ResultKind.HiLo
            : method.ReturnType == typeof(bool) ? ResultKind.Condition
            : method.ReturnType == typeof(void) ? ResultKind.None
            : throw new InvalidOperationException($"{method.Name}: unsupported return type {method.ReturnType}.");

        InstructionFlags flags = OpCodeTable.Get(name).Flags;
        int destinationShift = result != ResultKind.Gpr ? -1
            : (flags & InstructionFlags.WritesRd) != 0 ? 11
            : (flags & InstructionFlags.WritesRt) != 0 ? 16
            : throw new InvalidOperationException($"{name} returns a GPR value but its row writes no GPR.");
        return new Semantic(name, method, operands, result, destinationShift, storeSize);
    }
}
