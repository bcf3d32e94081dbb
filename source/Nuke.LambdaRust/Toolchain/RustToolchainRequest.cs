namespace Nuke.LambdaRust.Toolchain;

/// <summary>What the user asked for when choosing a Rust toolchain; all null means "find one that has the target's std".</summary>
/// <param name="Toolchain">A rustup toolchain name (<c>stable</c>, <c>1.85</c>, <c>nightly-x86_64-unknown-linux-gnu</c>, a linked one; a leading <c>+</c> is ignored). Only that toolchain is considered.</param>
/// <param name="CargoPath">The cargo to run; by default the one next to the chosen rustc, else rustup's.</param>
/// <param name="RustcPath">A rustc executable (path or command name). Only that rustc is considered.</param>
/// <param name="AllowRustupInstall">Whether a missing std may be installed with <c>rustup target add</c> (tried once per process).</param>
public sealed record RustToolchainRequest(
    string? Toolchain = null,
    string? CargoPath = null,
    string? RustcPath = null,
    bool AllowRustupInstall = true);
