using System.Reflection;
using System.Reflection.Emit;
using System.Text;
using LoongsonDbt.Runtime.Cpu;
using LoongsonDbt.Translator.Disassembly;
using LoongsonDbt.Translator.Emit;
using LoongsonDbt.Translator.Execution;

namespace LoongsonDbt.Translator.Inspection;

/// <summary>
/// Writes compiled code into a real assembly (one static method per compiled region, named by its entry address,
/// with its guest disassembly as an attribute) through the same emitter that produced the running
/// code, so ILSpy or ikdasm show what ran (DBT-NOTES C.9) — except that exits return their next PC
/// instead of tail-calling through the run's link slots, which live in that process's memory.
/// </summary>
public static class IlDump
{
    public static void Save(IEnumerable<Block> blocks, string path, bool fullSystem = false)
    {
        var name = new AssemblyName(Path.GetFileNameWithoutExtension(path));
        var assembly = new PersistedAssemblyBuilder(name, typeof(object).Assembly);
        ModuleBuilder module = assembly.DefineDynamicModule(name.Name!);
        TypeBuilder type = module.DefineType("LoongsonDbt.Translated.Blocks", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract);
        ConstructorInfo attribute = typeof(GuestDisassemblyAttribute).GetConstructor([typeof(string)])!;
        foreach (Block block in blocks.OrderBy(b => b.Address))
        {
            MethodBuilder method = type.DefineMethod(BlockCompiler.MethodName(block), MethodAttributes.Public | MethodAttributes.Static,
                typeof(ulong), [typeof(CpuState).MakePointerType()]);
            method.DefineParameter(1, ParameterAttributes.None, "state");
            method.SetCustomAttribute(new CustomAttributeBuilder(attribute, [string.Concat((block.Region ?? [block]).Select(Listing))]));
            BlockCompiler.Emit(block.Region ?? [block], method.GetILGenerator(), links: null, fullSystem);
        }

        type.CreateType();
        assembly.Save(path);
    }

    private static string Listing(Block block)
    {
        var text = new StringBuilder();
        foreach (Step step in block.Steps)
        {
            text.Append($"{step.Pc:x}: {step.Instruction.Word:x8}  {Disassembler.Format(step.Instruction, step.Pc).Replace('\t', ' ')}\n");
        }

        return text.ToString();
    }
}
