namespace Nuke.LambdaRust.Pipeline;

/// <summary>
/// The parameters of the Lambda targets, as NUKE names them (<c>ManifestPath</c> is <c>--manifest-path</c>, env
/// <c>MANIFEST_PATH</c>), grouped by the step that reads them; each group lives in a file of its own.
/// </summary>
public static partial class LambdaParameters
{
    // A property, not a field: partial files' static fields have no defined initialization order.
    /// <summary>Every parameter definition, in help order.</summary>
    public static IReadOnlyList<ParameterDefinition> All => [.. Build, .. Cargo, .. Packaging, .. Checks, .. Invocation, .. Releasing];
}
