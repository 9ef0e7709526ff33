using LoongsonDbt.Runtime.Cpu;

namespace LoongsonDbt.Translator.Execution;

/// <summary>A compiled block: runs it on the state and returns the guest PC to continue at.</summary>
public unsafe delegate ulong BlockFunction(CpuState* state);
