namespace Nuke.LambdaRust.Runtime;

/// <summary>How one invocation ended.</summary>
public enum InvocationStatus
{
    /// <summary>The function posted a response.</summary>
    Succeeded,

    /// <summary>The function posted an error for the event (<c>/invocation/{id}/error</c>).</summary>
    FunctionError,

    /// <summary>The function's initialization failed (<c>/runtime/init/error</c>); it never got the event.</summary>
    InitError,

    /// <summary>The bootstrap exited (or was killed by a signal) before answering; Lambda's <c>Runtime.ExitError</c>.</summary>
    Crashed,

    /// <summary>No answer within the timeout; the bootstrap was killed, as Lambda ends a timed-out sandbox.</summary>
    TimedOut,
}
