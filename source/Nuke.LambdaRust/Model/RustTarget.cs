namespace Nuke.LambdaRust.Model;

/// <summary>
/// A Rust target triple Lambda can run, with an optional glibc version for zig
/// (<c>aarch64-unknown-linux-gnu.2.26</c>). The suffix never reaches cargo, directory names or rustup.
/// </summary>
public sealed record RustTarget(LambdaArchitecture Architecture, TargetAbi Abi = TargetAbi.Gnu, Version? Glibc = null)
{
    /// <summary>The triple cargo and rustup know: <c>aarch64-unknown-linux-gnu</c>.</summary>
    public string Triple => $"{Architecture.ToRustArch()}-unknown-linux-{(Abi == TargetAbi.Gnu ? "gnu" : "musl")}";

    /// <summary>The triple with its glibc suffix when one is set: <c>aarch64-unknown-linux-gnu.2.26</c>.</summary>
    public string TripleWithGlibc => Glibc is null || Abi != TargetAbi.Gnu ? Triple : $"{Triple}.{Glibc.Major}.{Glibc.Minor}";

    /// <summary>The <c>-target</c> value for <c>zig cc</c>: <c>aarch64-linux-gnu.2.26</c>.</summary>
    public string ZigTarget
    {
        get
        {
            var abi = Abi == TargetAbi.Gnu ? "gnu" : "musl";
            var glibc = Glibc is not null && Abi == TargetAbi.Gnu ? $".{Glibc.Major}.{Glibc.Minor}" : "";
            return $"{Architecture.ToRustArch()}-linux-{abi}{glibc}";
        }
    }

    /// <summary>The triple in the form cargo's environment variables use: <c>AARCH64_UNKNOWN_LINUX_GNU</c>.</summary>
    public string EnvironmentKey => Triple.Replace('-', '_').ToUpperInvariant();

    /// <summary>The triple in the form cc-rs environment variables use: <c>aarch64_unknown_linux_gnu</c>.</summary>
    public string CcKey => Triple.Replace('-', '_');

    /// <summary>The glibc target for an architecture on a runtime: the runtime's glibc, unless overridden.</summary>
    public static RustTarget For(LambdaArchitecture architecture, LambdaRuntime runtime, Version? glibcOverride = null) =>
        new(architecture, TargetAbi.Gnu, glibcOverride ?? runtime.Glibc);

    /// <summary>
    /// Parses a triple such as <c>aarch64-unknown-linux-gnu</c>, <c>x86_64-unknown-linux-musl</c> or
    /// <c>aarch64-unknown-linux-gnu.2.26</c>. Anything Lambda cannot run is refused.
    /// </summary>
    public static RustTarget Parse(string value)
    {
        var text = value.Trim();
        LambdaArchitecture? architecture =
            text.StartsWith("aarch64-unknown-linux-", StringComparison.Ordinal) ? LambdaArchitecture.Arm64 :
            text.StartsWith("x86_64-unknown-linux-", StringComparison.Ordinal) ? LambdaArchitecture.X86_64 :
            null;
        if (architecture is null)
            throw Unsupported(value);

        var rest = text[(text.IndexOf("-linux-", StringComparison.Ordinal) + "-linux-".Length)..];
        if (rest == "musl")
            return new RustTarget(architecture.Value, TargetAbi.Musl);
        if (rest == "gnu")
            return new RustTarget(architecture.Value);
        if (rest.StartsWith("gnu.", StringComparison.Ordinal)
            && Version.TryParse(rest["gnu.".Length..], out var glibc)
            && glibc.Build < 0)
            return new RustTarget(architecture.Value, TargetAbi.Gnu, GlibcVersions.Check(glibc, $"target '{value}'"));
        throw Unsupported(value);
    }

    /// <inheritdoc />
    public override string ToString() => TripleWithGlibc;

    private static LambdaRustException Unsupported(string value) => new(
        $"Invalid or unsupported target for AWS Lambda: '{value}'.",
        "Use aarch64-unknown-linux-gnu or x86_64-unknown-linux-gnu (optionally with a glibc suffix such as .2.26), or a -musl triple.");
}
