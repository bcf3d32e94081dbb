namespace Nuke.LambdaRust.Runtime;

/// <summary>An event waiting for the function, or handed to it and waiting for its answer.</summary>
internal sealed class PendingInvocation(string requestId, byte[] eventBody, long deadlineMs, string traceId)
{
    public string RequestId { get; } = requestId;

    public byte[] EventBody { get; } = eventBody;

    /// <summary>When the invocation times out, in milliseconds since the Unix epoch.</summary>
    public long DeadlineMs { get; } = deadlineMs;

    public string TraceId { get; } = traceId;

    /// <summary>True once a <c>GET .../invocation/next</c> received it; only then may the function answer it.</summary>
    public bool Served { get; set; }

    public TaskCompletionSource<InvocationOutcome> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
