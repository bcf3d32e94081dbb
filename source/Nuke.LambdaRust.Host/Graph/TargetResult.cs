namespace Nuke.LambdaRust.Host;

/// <summary>One row of the summary: a planned target, how it ended, how long it ran, and its note.</summary>
internal sealed record TargetResult(string Name, TargetStatus Status, TimeSpan? Duration, string? Note);
