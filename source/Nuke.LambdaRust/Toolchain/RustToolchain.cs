namespace Nuke.LambdaRust.Toolchain;

/// <summary>
/// A cargo/rustc pair whose rustc has the standard library of the requested target, and the environment
/// that makes cargo use exactly that rustc.
/// </summary>
/// <param name="Description">Where it came from, for logs: <c>rustup toolchain 'stable-x86_64-unknown-linux-gnu'</c>, <c>system rustc /usr/bin/rustc</c>.</param>
/// <param name="Cargo">The cargo executable to run (a full path when one was found).</param>
/// <param name="CargoPrefixArguments">Arguments that go before cargo's subcommand (empty for every toolchain found today).</param>
/// <param name="Rustc">The rustc executable, a full path.</param>
/// <param name="Sysroot">What <c>rustc --print sysroot</c> printed.</param>
/// <param name="Version">The rustc version, e.g. <c>1.96.0</c> or <c>1.97.0-nightly</c>.</param>
/// <param name="Environment">
/// Variables to set for cargo: always <c>RUSTC</c> (so that neither PATH nor a RUSTC from the user's environment can
/// pick another compiler), plus <c>RUSTUP_TOOLCHAIN</c> for rustup toolchains.
/// </param>
public sealed record RustToolchain(
    string Description,
    string Cargo,
    IReadOnlyList<string> CargoPrefixArguments,
    string Rustc,
    string Sysroot,
    string Version,
    IReadOnlyDictionary<string, string?> Environment)
{
    /// <inheritdoc />
    public override string ToString() => $"{Description} (rustc {Version})";
}
