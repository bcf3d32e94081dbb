using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Pipeline;

/// <summary>The parameters of the Lambda targets, as NUKE names them (<c>ManifestPath</c> is <c>--manifest-path</c>, env <c>MANIFEST_PATH</c>).</summary>
public static partial class LambdaParameters
{
    /// <summary>Names of the parameters, as adapters read them (<see cref="IParameterReader"/>).</summary>
    public const string Arch = "Arch", ManifestPath = "ManifestPath", Function = "Function", Package = "Package", Compiler = "Compiler",
        Release = "Release", Profile = "Profile", Runtime = "Runtime", Glibc = "Glibc", Features = "Features",
        LambdaDir = "LambdaDir", OutputFormat = "OutputFormat", Include = "Include",
        DisableOptimizations = "DisableOptimizations", ZigPath = "ZigPath";

    /// <summary>Every parameter definition, in help order.</summary>
    public static IReadOnlyList<ParameterDefinition> All { get; } =
    [
        new(Arch, "Architectures to build; a list builds each (default: the project's config, else the host's)")
            { IsList = true, AllowedValues = ["arm64", "x86_64"] },
        new(ManifestPath, "Path to the workspace's Cargo.toml (or its folder), relative to the root"),
        new(Function, "Functions (binary targets) to build; all when not set") { IsList = true },
        new(Package, "Workspace packages whose functions to build (cargo's --package); all when not set")
            { IsList = true, PrefixedEnvironmentOnly = true },
        new(Compiler, "How to compile: zig (default), cargo or cross; the project's config when not set")
            { AllowedValues = ["zig", "cargo", "cross"] },
        new(Release, "Build with the release profile (with cargo-lambda's Lambda optimizations)") { Type = ParameterType.Boolean },
        new(Profile, "A named cargo profile (overrides --release)") { PrefixedEnvironmentOnly = true },
        new(Runtime, "The Lambda runtime; its glibc caps what binaries may need")
            { AllowedValues = LambdaRuntime.All.Select(r => r.Identifier).ToArray(), Default = LambdaRuntime.ProvidedAl2023.Identifier },
        new(Glibc, "A glibc version that overrides the runtime's, e.g. 2.17"),
        new(Features, "Cargo features to enable") { IsList = true },
        new(LambdaDir, "Where packages go (default: <target dir>/lambda); laid out as <arch>/<function>/bootstrap.zip"),
        new(OutputFormat, "zip (bootstrap.zip) or binary (bare bootstrap); the project's config, else zip")
            { AllowedValues = ["zip", "binary"] },
        new(Include, "Files or folders to add to every zip, as SRC or DEST:SRC, relative to the workspace root")
            { IsList = true, PrefixedEnvironmentOnly = true },
        new(DisableOptimizations, "Build the release profile exactly as the project defines it") { Type = ParameterType.Boolean },
        new(ZigPath, "The zig executable (default: CARGO_ZIGBUILD_ZIG_PATH, ZIG, PATH, python3 -m ziglang, or the one Setup installed)"),
        .. InvokeDefinitions,
    ];
}
