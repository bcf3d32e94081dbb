using Nuke.LambdaRust.Release;

namespace Nuke.LambdaRust.Pipeline;

/// <summary>What Release wrote in this run.</summary>
/// <param name="Report">The release folder, its manifest, and how much of it was new.</param>
public sealed record ReleaseResult(ReleaseReport Report) : IStepResult
{
    /// <inheritdoc />
    public string Summary => Report.Summary;
}
