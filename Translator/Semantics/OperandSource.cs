namespace LoongsonDbt.Translator.Semantics;

/// <summary>
/// Where a semantic function's argument comes from, named by the parameter: <c>state</c>, <c>rs</c>,
/// <c>rt</c>, <c>rd</c> (GPR values), <c>sa</c>, <c>immediate</c> (raw 16 bits), <c>word</c> (the
/// instruction), <c>address</c> (GPR[base] + sign-extended offset), <c>hi</c>, <c>lo</c>, and
/// <c>loaded8</c> to <c>loaded64</c>: the zero-extended, naturally aligned value of that many bits at the
/// address, read by the engine (a load that faults raises before the function runs).
/// </summary>
public enum OperandSource : byte
{
    State,
    Rs,
    Rt,
    Rd,
    Sa,
    Immediate,
    Word,
    Address,
    Hi,
    Lo,
    Loaded8,
    Loaded16,
    Loaded32,
    Loaded64,
}
