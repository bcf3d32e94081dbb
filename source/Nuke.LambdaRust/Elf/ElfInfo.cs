using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Elf;

/// <summary>What a built binary needs to run, read from its ELF headers.</summary>
/// <param name="Machine">The raw <c>e_machine</c> value (62 = x86-64, 183 = AArch64).</param>
/// <param name="Architecture">The Lambda architecture that runs it; <c>null</c> when Lambda cannot (other CPU, 32-bit or big-endian).</param>
/// <param name="Is64Bit">True for ELFCLASS64.</param>
/// <param name="Interpreter">The dynamic loader from <c>PT_INTERP</c> (e.g. <c>/lib/ld-linux-aarch64.so.1</c>); <c>null</c> for a static binary.</param>
/// <param name="NeededLibraries">The <c>DT_NEEDED</c> shared libraries, in file order.</param>
/// <param name="GlibcVersionsNeeded">Every <c>GLIBC_x.y[.z]</c> symbol version it requires, ascending.</param>
public sealed record ElfInfo(
    ushort Machine,
    LambdaArchitecture? Architecture,
    bool Is64Bit,
    string? Interpreter,
    IReadOnlyList<string> NeededLibraries,
    IReadOnlyList<Version> GlibcVersionsNeeded)
{
    /// <summary>True when multi-byte fields are big-endian (ELFDATA2MSB); Lambda only runs little-endian code.</summary>
    public bool IsBigEndian { get; init; }

    /// <summary>The highest glibc the binary needs; <c>null</c> when it needs none (static or musl).</summary>
    public Version? MaxGlibcVersion => GlibcVersionsNeeded.Count == 0 ? null : GlibcVersionsNeeded.Max();

    /// <summary>A readable name of <see cref="Machine"/>: <c>AArch64</c>, <c>x86-64</c>, ... or <c>unknown (0x..)</c>.</summary>
    public string MachineName => ElfMachine.Describe(Machine);
}
