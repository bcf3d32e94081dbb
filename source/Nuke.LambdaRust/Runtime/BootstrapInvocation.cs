namespace Nuke.LambdaRust.Runtime;

/// <summary>The result of running a bootstrap for one invocation.</summary>
/// <param name="Outcome">How the function answered.</param>
/// <param name="Output">Every line the process wrote to standard output and standard error, in arrival order.</param>
public sealed record BootstrapInvocation(InvocationOutcome Outcome, IReadOnlyList<string> Output);
