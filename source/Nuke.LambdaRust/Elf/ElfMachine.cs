using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Elf;

/// <summary>The <c>e_machine</c> values we name, and which of them Lambda runs.</summary>
internal static class ElfMachine
{
    public const ushort X86 = 3;
    public const ushort Arm = 40;
    public const ushort X86_64 = 62;
    public const ushort AArch64 = 183;

    private static readonly Dictionary<ushort, string> Names = new()
    {
        [X86] = "x86 (i386)",
        [8] = "MIPS",
        [20] = "PowerPC",
        [21] = "PowerPC64",
        [22] = "s390",
        [Arm] = "ARM (32-bit)",
        [X86_64] = "x86-64",
        [AArch64] = "AArch64",
        [243] = "RISC-V",
        [258] = "LoongArch",
    };

    /// <summary>A readable name: <c>AArch64</c>, <c>x86-64</c>, ... or <c>unknown (0x..)</c>.</summary>
    public static string Describe(ushort machine) =>
        Names.TryGetValue(machine, out var name) ? name : $"unknown (0x{machine:x})";

    /// <summary>The ELF machine Lambda expects for an architecture.</summary>
    public static ushort Of(LambdaArchitecture architecture) => architecture switch
    {
        LambdaArchitecture.Arm64 => AArch64,
        LambdaArchitecture.X86_64 => X86_64,
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, null),
    };

    /// <summary>The Lambda architecture that runs such a binary, if any: Lambda runs 64-bit little-endian code only.</summary>
    public static LambdaArchitecture? ToArchitecture(ushort machine, bool is64Bit, bool isBigEndian) =>
        !is64Bit || isBigEndian ? null
        : machine == AArch64 ? LambdaArchitecture.Arm64
        : machine == X86_64 ? LambdaArchitecture.X86_64
        : null;
}
