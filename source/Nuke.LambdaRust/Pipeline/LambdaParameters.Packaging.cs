namespace Nuke.LambdaRust.Pipeline;

public static partial class LambdaParameters
{
    /// <summary>Names of the packaging parameters.</summary>
    public const string LambdaDir = "LambdaDir", OutputFormat = "OutputFormat", Include = "Include", IncludeMerge = "IncludeMerge";

    /// <summary>Where and how Package writes.</summary>
    public static IReadOnlyList<ParameterDefinition> Packaging { get; } =
    [
        new(LambdaDir, "Where packages go (default: <target dir>/lambda); laid out as <arch>/<function>/bootstrap.zip"),
        new(OutputFormat, "zip (bootstrap.zip) or binary (bare bootstrap); the project's config, else zip")
            { AllowedValues = ["zip", "binary"] },
        new(Include, "Files or folders to add to every zip, as SRC or DEST:SRC, relative to the workspace root")
            { IsList = true, PrefixedEnvironmentOnly = true },
        new(IncludeMerge, "cargo-lambda's --admerge: --include and config lists add to the lower layers' instead of replacing them")
            { Type = ParameterType.Boolean },
    ];
}
