using System.Runtime.CompilerServices;

namespace LoongsonDbt.Translator.Semantics;

/// <summary>When each conditional branch is taken. Likely and linking forms share their plain form's test.</summary>
public static class BranchConditions
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Beq(ulong rs, ulong rt) => rs == rt;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Bne(ulong rs, ulong rt) => rs != rt;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Beql(ulong rs, ulong rt) => rs == rt;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Bnel(ulong rs, ulong rt) => rs != rt;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Blez(ulong rs) => (long)rs <= 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Bgtz(ulong rs) => (long)rs > 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Bltz(ulong rs) => (long)rs < 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Bgez(ulong rs) => (long)rs >= 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Blezl(ulong rs) => (long)rs <= 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Bgtzl(ulong rs) => (long)rs > 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Bltzl(ulong rs) => (long)rs < 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Bgezl(ulong rs) => (long)rs >= 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Bltzal(ulong rs) => (long)rs < 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Bgezal(ulong rs) => (long)rs >= 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Bltzall(ulong rs) => (long)rs < 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Bgezall(ulong rs) => (long)rs >= 0;
}
