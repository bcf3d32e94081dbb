using System.Globalization;
using System.Text.Json;

namespace Nuke.LambdaRust.Runtime;

/// <summary>What one event got from the function.</summary>
/// <param name="Event">The event.</param>
/// <param name="Status">How the invocation ended.</param>
/// <param name="Body">
/// The response; for a failure the error document as Lambda returns it to the invoker
/// (<c>{"errorMessage":..,"errorType":..}</c>; for a crash or a timeout one in Lambda's words).
/// </param>
/// <param name="RequestId">The <c>Lambda-Runtime-Aws-Request-Id</c> the function was given.</param>
public sealed record InvocationResult(InvokeEvent Event, InvocationStatus Status, string Body, string RequestId)
{
    /// <summary>Lambda's error type for a failure (<c>HandlerError</c>, <c>Runtime.InitError</c>, <c>Runtime.ExitError</c>, <c>Sandbox.Timedout</c> ...).</summary>
    public string? ErrorType { get; init; }

    /// <summary>For <see cref="InvocationStatus.Crashed"/>: the bootstrap's exit code (128 + N for signal N).</summary>
    public int? ExitCode { get; init; }

    /// <summary>True when this event started a new sandbox (the first event, or the first after a crash, timeout or init error).</summary>
    public bool ColdStart { get; init; }

    /// <summary>From queuing the event to its answer (a cold start's includes starting the bootstrap).</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>What the bootstrap wrote to standard output and standard error meanwhile, in arrival order.</summary>
    public IReadOnlyList<string> Output { get; init; } = [];

    /// <summary>True when the function responded.</summary>
    public bool Succeeded => Status == InvocationStatus.Succeeded;

    /// <summary>The error document's <c>errorMessage</c>, when it has one.</summary>
    public string? ErrorMessage
    {
        get
        {
            if (Succeeded)
                return null;
            try
            {
                using var document = JsonDocument.Parse(Body);
                return document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("errorMessage", out var message)
                    && message.ValueKind == JsonValueKind.String
                        ? message.GetString()
                        : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>One line for a log: <c>response {...}</c>, <c>function error HandlerError: ...</c>, <c>timed out after 3 s</c>.</summary>
    public string Describe()
    {
        var what = Status switch
        {
            InvocationStatus.Succeeded => "response",
            InvocationStatus.FunctionError => $"function error {ErrorType}",
            InvocationStatus.InitError => $"init error {ErrorType}",
            InvocationStatus.Crashed => $"crash {ErrorType}",
            _ => $"timeout {ErrorType}",
        };
        var milliseconds = Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        return $"{what} ({milliseconds} ms{(ColdStart ? ", cold start" : "")}): {Body}";
    }
}
