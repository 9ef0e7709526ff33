namespace LoongsonDbt.Translator.Decoding;

/// <summary>What kind of work an instruction does; one emitter file per class.</summary>
public enum InstructionClass : byte
{
    Reserved,
    Alu,
    Shift,
    BitField,
    MulDiv,
    LoongsonMulDiv,
    Branch,
    Jump,
    Load,
    Store,
    Atomic,
    Trap,
    System,
    CacheMaintenance,
    Cp0,
    Tlb,
    Fpu,
    FpuMemory,
    Cop2Memory,
    LoongsonMemory,
    LoongsonSystem,
    LoongsonCam,
    Vz,
    Msa,
}
