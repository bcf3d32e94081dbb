using Nuke.LambdaRust.Release;

namespace Nuke.LambdaRust.Pipeline;

/// <summary>The GitHub Actions matrix Matrix printed.</summary>
/// <param name="Json">The matrix: <c>{"include":[{"function":..,"package":..,"arch":..}]}</c>.</param>
/// <param name="Count">Its jobs (function × architecture).</param>
/// <param name="Changes">Every function, in or out, and why.</param>
public sealed record MatrixResult(string Json, int Count, IReadOnlyList<FunctionChange> Changes) : IStepResult
{
    /// <inheritdoc />
    public string Summary => $"{Count} {(Count == 1 ? "job" : "jobs")}";
}
