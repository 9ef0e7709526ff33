namespace LoongsonDbt.Translator.Decoding;

/// <summary>
/// Facts about an instruction that block formation, register allocation and the choice of a
/// runtime helper need without looking at its semantics.
/// </summary>
[Flags]
public enum InstructionFlags : uint
{
    None = 0,

    /// <summary>Reads GPR[rs] (or base).</summary>
    ReadsRs = 1u << 0,
    /// <summary>Reads GPR[rt].</summary>
    ReadsRt = 1u << 1,
    /// <summary>Reads GPR[rd] (conditional moves keep the old value).</summary>
    ReadsRd = 1u << 18,
    /// <summary>Writes GPR[rd].</summary>
    WritesRd = 1u << 2,
    /// <summary>Writes GPR[rt].</summary>
    WritesRt = 1u << 3,
    /// <summary>Writes GPR[rs] (RDTIME returns the counter ID there).</summary>
    WritesRs = 1u << 20,
    /// <summary>Writes GPR[31] (jal, bgezal, ...).</summary>
    WritesRa = 1u << 4,
    ReadsHiLo = 1u << 5,
    WritesHiLo = 1u << 6,

    /// <summary>A conditional PC-relative branch.</summary>
    ConditionalBranch = 1u << 7,
    /// <summary>An unconditional jump (absolute or register).</summary>
    UnconditionalJump = 1u << 8,
    /// <summary>Followed by a delay slot.</summary>
    DelaySlot = 1u << 9,
    /// <summary>Branch-likely: the delay slot is annulled when the branch is not taken.</summary>
    Likely = 1u << 10,

    ReadsMemory = 1u << 11,
    WritesMemory = 1u << 12,
    /// <summary>May raise a trap, overflow or system exception besides memory faults.</summary>
    MayTrap = 1u << 13,
    /// <summary>Needs Status.CU1 (coprocessor 1 usable).</summary>
    NeedsFpu = 1u << 14,
    /// <summary>Kernel mode (or CU0) only.</summary>
    Privileged = 1u << 15,
    /// <summary>VZ root-only: guest execution traps to the hypervisor.</summary>
    RootOnly = 1u << 16,
    /// <summary>Changes machine state the translator depends on (mode, mappings, interrupts): ends a block.</summary>
    EndsBlock = 1u << 17,
    /// <summary>
    /// Also reads or writes GPRs named by fields other than rs, rt and rd (quad and MSA forms):
    /// the register flags above are not the whole story.
    /// </summary>
    OtherGprs = 1u << 19,
}
