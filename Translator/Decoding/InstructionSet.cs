namespace LoongsonDbt.Translator.Decoding;

/// <summary>
/// Subsets of the opcode table. A CPU model enables the subsets it implements, so the 3A1000
/// and a 3A4000-class core differ by configuration, not by code.
/// </summary>
[Flags]
public enum InstructionSet : uint
{
    None = 0,
    /// <summary>MIPS64 Release 2 integer instructions.</summary>
    Mips64R2 = 1u << 0,
    /// <summary>Coprocessor 0: privileged CP0 moves, TLB, ERET, WAIT, CACHE.</summary>
    Cp0 = 1u << 1,
    /// <summary>The FPU (COP1) and COP1X.</summary>
    Fpu = 1u << 2,
    /// <summary>Loongson EXT: GPR multiply/divide, indexed, quad and bounded loads/stores.</summary>
    LoongsonExt = 1u << 3,
    /// <summary>Loongson CAM (content-addressed memory) instructions.</summary>
    LoongsonCam = 1u << 4,
    /// <summary>Loongson CPUCFG, IOCSR access and page-walk loads in the LWC2 space.</summary>
    LoongsonCsr = 1u << 5,
    /// <summary>MIPS virtualization (VZ) root instructions.</summary>
    Vz = 1u << 6,
    /// <summary>The part of MSA the kernel's context switch uses (vector loads/stores, element moves, MSA control).</summary>
    MsaContext = 1u << 7,

    /// <summary>What the Loongson-3 guest code uses: the kernel's and busybox's union.</summary>
    Loongson3 = Mips64R2 | Cp0 | Fpu | LoongsonExt | LoongsonCam | LoongsonCsr | Vz | MsaContext,
}
