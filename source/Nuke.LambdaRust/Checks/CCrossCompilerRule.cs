using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Checks;

/// <summary>
/// Crates whose build script compiles C (ring, aws-lc-sys, zstd-sys … anything built with cc-rs or the cmake crate).
/// zig compiles C for the target and cross has a C toolchain in its image; plain cargo for a foreign target needs a C
/// cross compiler (<c>CC_&lt;triple&gt;</c>, or our cross gcc linker) and, for cmake crates, a CMake toolchain file.
/// </summary>
internal sealed class CCrossCompilerRule : IDoctorRule
{
    public string Id => "c-cross-compiler";

    public string Summary => "cc-rs / cmake crates (ring, aws-lc-sys ...) with plain cargo for a foreign target and no C cross compiler or toolchain file";

    public IEnumerable<CheckFinding> Check(DoctorContext context)
    {
        if (context.Compiler != LambdaCompiler.Cargo || !context.IsForeign)
            yield break;

        var key = context.Target.CcKey;
        var triple = context.Target.Triple;
        foreach (var crate in context.Crates.Where(c => c.Crate.CompilesC))
        {
            if (context.TargetCCompiler is null)
            {
                yield return DoctorContext.About(crate, Id, FindingSeverity.Error,
                    $"{crate.Crate.Label} compiles C in its build script, and plain cargo has no C compiler for {triple}: cc-rs would use the host's cc and the link fails.",
                    $"Use --compiler zig (zig cc compiles C for the target), or set CC_{key} to a cross compiler (Debian: apt-get install gcc-{context.Target.Architecture.ToRustArch().Replace('_', '-')}-linux-gnu).");
                continue;
            }

            if (crate.Crate.BuildDependencies.Contains("cmake") && ToolchainFile(context) is null)
            {
                yield return DoctorContext.About(crate, Id, FindingSeverity.Error,
                    $"{crate.Crate.Label} builds a CMake project, and no CMake toolchain file is set for {triple}: CMake would configure for the host.",
                    $"Use --compiler zig (it writes a CMake toolchain file for the target), or set CMAKE_TOOLCHAIN_FILE_{key} to a toolchain file for {triple}.");
            }
        }
    }

    private static string? ToolchainFile(DoctorContext context) =>
        new[] { $"CMAKE_TOOLCHAIN_FILE_{context.Target.Triple}", $"CMAKE_TOOLCHAIN_FILE_{context.Target.CcKey}", "TARGET_CMAKE_TOOLCHAIN_FILE", "CMAKE_TOOLCHAIN_FILE" }
            .Select(context.Variable).FirstOrDefault(v => v is not null);
}
