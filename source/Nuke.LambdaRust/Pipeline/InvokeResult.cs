using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Runtime;

namespace Nuke.LambdaRust.Pipeline;

/// <summary>What Invoke got in this run.</summary>
/// <param name="Reports">One per architecture invoked, each with a result per event.</param>
public sealed record InvokeResult(IReadOnlyList<InvokeReport> Reports) : IStepResult
{
    /// <summary>True when every event got a response on every architecture.</summary>
    public bool Succeeded => Reports.All(r => r.Succeeded);

    /// <inheritdoc />
    public string Summary
    {
        get
        {
            var invocations = Reports.SelectMany(r => r.Invocations).ToList();
            var counts = invocations.GroupBy(i => i.Status).OrderBy(g => g.Key)
                .Select(g => $"{g.Count()} {Word(g.Key, g.Count())}");
            var architectures = string.Join(", ", Reports.Select(r => r.Architecture.ToLambdaName()).Distinct());
            return $"{invocations.Count} {(invocations.Count == 1 ? "event" : "events")}: {string.Join(", ", counts)} ({architectures})";
        }
    }

    private static string Word(InvocationStatus status, int count) => status switch
    {
        InvocationStatus.Succeeded => count == 1 ? "response" : "responses",
        InvocationStatus.FunctionError => count == 1 ? "function error" : "function errors",
        InvocationStatus.InitError => count == 1 ? "init error" : "init errors",
        InvocationStatus.Crashed => count == 1 ? "crash" : "crashes",
        _ => count == 1 ? "timeout" : "timeouts",
    };
}
