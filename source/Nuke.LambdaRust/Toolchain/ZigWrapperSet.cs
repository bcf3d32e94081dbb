namespace Nuke.LambdaRust.Toolchain;

/// <summary>The wrapper executables written for one target: full paths, ready for cargo's and cc-rs's environment variables.</summary>
/// <param name="Cc">Runs <c>zig cc</c>; also the linker.</param>
/// <param name="Cxx">Runs <c>zig c++</c>.</param>
/// <param name="Ar">Runs <c>zig ar</c>.</param>
/// <param name="Ranlib">Runs <c>zig ranlib</c>.</param>
/// <param name="CmakeToolchainFile">A CMake toolchain file that cross-compiles with these wrappers, for cmake-based <c>-sys</c> crates.</param>
public sealed record ZigWrapperSet(string Cc, string Cxx, string Ar, string Ranlib, string CmakeToolchainFile)
{
    /// <summary>The linker cargo should use: the C compiler wrapper (rustc drives linking through a C compiler).</summary>
    public string Linker => Cc;
}
