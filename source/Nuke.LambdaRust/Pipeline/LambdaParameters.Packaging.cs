namespace Nuke.LambdaRust.Pipeline;

public static partial class LambdaParameters
{
    /// <summary>Names of the packaging parameters.</summary>
    public const string LambdaDir = "LambdaDir", OutputFormat = "OutputFormat", Include = "Include", IncludeMerge = "IncludeMerge",
        Layout = "Layout", Flatten = "Flatten", Extension = "Extension", Internal = "Internal";

    /// <summary>Where and how Package writes.</summary>
    public static IReadOnlyList<ParameterDefinition> Packaging { get; } =
    [
        new(LambdaDir, "Where packages go (default: <target dir>/lambda)"),
        new(Layout, "cargo-lambda: <lambda dir>/<function>/bootstrap.zip (one architecture); by-arch: <lambda dir>/<arch>/<function>/...; default: cargo-lambda for one architecture, by-arch for several")
            { AllowedValues = ["cargo-lambda", "by-arch"] },
        new(Flatten, "The function whose bootstrap goes directly into the lambda directory (cargo-lambda's --flatten, as cargo-lambda-cdk expects)"),
        new(Extension, "Package every built binary as a Lambda extension: <lambda dir>/extensions/<name>.zip") { Type = ParameterType.Boolean },
        new(Internal, "With --extension: an internal extension, <name> at the zip root") { Type = ParameterType.Boolean },
        new(OutputFormat, "zip (bootstrap.zip) or binary (bare bootstrap); the project's config, else zip")
            { AllowedValues = ["zip", "binary"] },
        new(Include, "Files or folders to add to every zip, as SRC or DEST:SRC, relative to the workspace root")
            { IsList = true, PrefixedEnvironmentOnly = true },
        new(IncludeMerge, "cargo-lambda's --admerge: --include adds to the config's include list (and config lists to lower layers') instead of replacing it")
            { Type = ParameterType.Boolean },
    ];
}
