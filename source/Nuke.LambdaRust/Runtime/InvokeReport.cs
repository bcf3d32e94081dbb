using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Runtime;

/// <summary>What one packaged function answered to each event.</summary>
/// <param name="FunctionName">The function.</param>
/// <param name="Architecture">The architecture it ran as.</param>
/// <param name="PackagePath">The zip (or bare bootstrap) that was invoked.</param>
/// <param name="Invocations">One per event, in delivery order.</param>
public sealed record InvokeReport(string FunctionName, LambdaArchitecture Architecture, string PackagePath, IReadOnlyList<InvocationResult> Invocations)
{
    /// <summary>True when every event got a response.</summary>
    public bool Succeeded => Invocations.All(i => i.Succeeded);

    /// <summary>The events that did not get a response.</summary>
    public IReadOnlyList<InvocationResult> Failures => Invocations.Where(i => !i.Succeeded).ToList();

    /// <summary>Throws when an event did not get a response, naming each such event and what happened.</summary>
    /// <exception cref="LambdaRustException">An invocation failed (function error, init error, crash or timeout).</exception>
    public InvokeReport EnsureSucceeded()
    {
        var failures = Failures;
        if (failures.Count == 0)
            return this;

        var lines = failures.Select(f => $"  {f.Event.Name}: {Kind(f.Status)} {f.ErrorType}: {f.ErrorMessage ?? f.Body}");
        var fix = failures.Select(f => f.Status).Distinct().Select(status => status switch
        {
            InvocationStatus.InitError => "an init error comes from the function's initialization (its configuration or environment: a variable it needs is set with --env NAME=VALUE, or InvokeSettings.Environment)",
            InvocationStatus.Crashed => "a crash is the bootstrap exiting mid-invocation: see its output above (a panic outside the handler, process::exit, a signal)",
            InvocationStatus.TimedOut => "a timeout killed the bootstrap: make it answer faster, or raise --timeout (emulated arm64 starts are slower)",
            _ => "a function error is what the handler returned for that event: read its message and the function's output above, then fix the handler or the event",
        });
        throw new LambdaRustException(
            $"{FunctionName} ({Architecture.ToLambdaName()}) failed {failures.Count} of {Invocations.Count} invocations:{System.Environment.NewLine}{string.Join(System.Environment.NewLine, lines)}",
            string.Join("; ", fix) + ".");
    }

    private static string Kind(InvocationStatus status) => status switch
    {
        InvocationStatus.FunctionError => "function error",
        InvocationStatus.InitError => "init error",
        InvocationStatus.Crashed => "crash",
        InvocationStatus.TimedOut => "timeout",
        _ => "response",
    };
}
