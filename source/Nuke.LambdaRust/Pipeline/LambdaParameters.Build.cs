using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Pipeline;

public static partial class LambdaParameters
{
    /// <summary>Names of the parameters, as adapters read them (<see cref="IParameterReader"/>).</summary>
    public const string Arch = "Arch", Arm64 = "Arm64", X86_64 = "X86_64", ManifestPath = "ManifestPath", Function = "Function",
        Package = "Package", Compiler = "Compiler", Release = "Release", Profile = "Profile", Runtime = "Runtime", Glibc = "Glibc",
        Features = "Features", DisableOptimizations = "DisableOptimizations", ZigPath = "ZigPath", Context = "Context";

    /// <summary>What Compile builds, and how.</summary>
    public static IReadOnlyList<ParameterDefinition> Build { get; } =
    [
        new(Arch, "Architectures to build; a list builds each (default: the project's config, else the host's)")
            { IsList = true, AllowedValues = ["arm64", "x86_64", "aarch64", "amd64", "x86-64"] },
        new(Arm64, "Also build for arm64 (cargo-lambda's --arm64)") { Type = ParameterType.Boolean },
        new(X86_64, "Also build for x86_64 (cargo-lambda's --x86-64)") { Type = ParameterType.Boolean },
        new(ManifestPath, "Path to the workspace's Cargo.toml (or its folder), relative to the root"),
        new(Function, "Functions (binary targets) to build; all when not set") { IsList = true, Aliases = ["Bin"] },
        new(Package, "Workspace packages whose functions to build (cargo's --package, also -p); all when not set")
            { IsList = true, PrefixedEnvironmentOnly = true, Aliases = ["p"] },
        new(Compiler, "How to compile: zig (default), cargo or cross; CARGO_LAMBDA_COMPILER, else the project's config, when not set")
            { AllowedValues = ["zig", "cargo", "cross", "cargo_zigbuild", "cargo-zigbuild", "zigbuild"] },
        new(Release, "Build with the release profile (with cargo-lambda's Lambda optimizations)") { Type = ParameterType.Boolean },
        new(Profile, "A named cargo profile (overrides --release)") { PrefixedEnvironmentOnly = true },
        new(Runtime, "The Lambda runtime; its glibc caps what binaries may need")
            { AllowedValues = LambdaRuntime.All.Select(r => r.Identifier).ToArray(), Default = LambdaRuntime.ProvidedAl2023.Identifier },
        new(Glibc, $"A glibc version that overrides the runtime's, {GlibcVersions.Minimum} to {GlibcVersions.Maximum}"),
        new(Features, "Cargo features to enable") { IsList = true },
        new(DisableOptimizations, "Build the release profile exactly as the project defines it") { Type = ParameterType.Boolean },
        new(ZigPath, "The zig executable (default: CARGO_ZIGBUILD_ZIG_PATH, ZIG, PATH, python3 -m ziglang, or the one Setup installed)"),
        new(Context, "cargo-lambda's --context: the [<context>.build] table of CargoLambda.toml (also CARGO_LAMBDA_CONTEXT)"),
    ];
}
