namespace LoongsonDbt.Translator.Disassembly;

/// <summary>Register names as binutils prints them for the n64 ABI.</summary>
public static class RegisterNames
{
    private static readonly string[] s_gpr =
    [
        "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
        "a4", "a5", "a6", "a7", "t0", "t1", "t2", "t3",
        "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
        "t8", "t9", "k0", "k1", "gp", "sp", "s8", "ra",
    ];

    private static readonly string[] s_msaControl =
    [
        "msa_ir", "msa_csr", "msa_access", "msa_save", "msa_modify", "msa_request", "msa_map", "msa_unmap",
    ];

    public static string Gpr(int number) => s_gpr[number];

    public static string Fpr(int number) => $"$f{number}";

    public static string FpuControl(int number) => number switch
    {
        0 => "c1_fir",
        1 => "c1_ufr",
        4 => "c1_unfr",
        25 => "c1_fccr",
        26 => "c1_fexr",
        28 => "c1_fenr",
        31 => "c1_fcsr",
        _ => $"${number}",
    };

    public static string MsaControl(int number) => number < s_msaControl.Length ? s_msaControl[number] : $"${number}";
}
