namespace Nuke.LambdaRust.Pipeline;

public static partial class LambdaParameters
{
    /// <summary>Names of Release's and Matrix's parameters.</summary>
    public const string Output = "Output", ChangedSince = "ChangedSince", Merge = "Merge", SmokeEvent = "SmokeEvent", Sccache = "Sccache",
        GithubOutput = "GithubOutput";

    /// <summary>Where Release writes, what it selects, and how CI jobs share the work.</summary>
    public static IReadOnlyList<ParameterDefinition> Releasing { get; } =
    [
        new(Output, "Release: the release folder (zips, SHA256SUMS, manifest.json), replaced as a whole; default artifacts/release") { PrefixedEnvironmentOnly = true },
        new(ChangedSince, "Release and Matrix: only the functions a change since this git ref reaches (their package, path dependencies, Cargo.lock entries, workspace config)"),
        new(Merge, "Release: combine these Release output folders (one per CI job) into --output instead of building") { IsList = true, PrefixedEnvironmentOnly = true },
        new(SmokeEvent, "Release: invoke every artifact with this JSON file before the manifest is written (arm64 under qemu)"),
        new(Sccache, "Release: run cargo through sccache (also on when RUSTC_WRAPPER=sccache); its hits and misses go into the summary") { Type = ParameterType.Boolean, PrefixedEnvironmentOnly = true },
        new(GithubOutput, "Matrix: the GitHub Actions step output file to append matrix=<json> and count=<n> to (GitHub sets GITHUB_OUTPUT)"),
    ];
}
