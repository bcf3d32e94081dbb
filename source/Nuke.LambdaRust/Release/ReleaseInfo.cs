namespace Nuke.LambdaRust.Release;

/// <summary>What a release was built from and with. No time stamp: a rerun without a change gives the same manifest.</summary>
/// <param name="Commit">The git commit (HEAD); null outside a git repository.</param>
/// <param name="Dirty">True when the working tree differed from that commit (the release's own output left out).</param>
/// <param name="Rustc">What <c>rustc --version</c> printed, per architecture (each target may need another toolchain: the one whose sysroot has its std).</param>
/// <param name="Cargo">What <c>cargo --version</c> printed, per architecture.</param>
/// <param name="Zig">zig's version; null when zig was not used.</param>
/// <param name="LambdaRust">Our version (this library's informational version).</param>
public sealed record ReleaseInfo(
    string? Commit, bool Dirty, IReadOnlyDictionary<string, string> Rustc, IReadOnlyDictionary<string, string> Cargo, string? Zig, string LambdaRust);
