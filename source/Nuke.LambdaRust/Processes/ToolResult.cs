namespace Nuke.LambdaRust.Processes;

/// <summary>What a finished process left behind.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StandardOutput">Every line it wrote to standard output.</param>
/// <param name="StandardError">Every line it wrote to standard error.</param>
/// <param name="Duration">How long it ran.</param>
public sealed record ToolResult(int ExitCode, IReadOnlyList<string> StandardOutput, IReadOnlyList<string> StandardError, TimeSpan Duration);
