namespace Nuke.LambdaRust.Runtime;

/// <summary>How the function answered one invocation.</summary>
/// <param name="Succeeded">True when it posted to <c>/response</c>; false for <c>/error</c> or <c>/runtime/init/error</c>.</param>
/// <param name="Body">
/// The posted body (UTF-8): the response, or the error document <c>{"errorMessage":..,"errorType":..}</c> (built from
/// the <c>Lambda-Runtime-Function-Error-Type</c> header when the runtime posted none, as Lambda does).
/// </param>
/// <param name="ErrorType">
/// For a failure: the error document's <c>errorType</c>, else the <c>Lambda-Runtime-Function-Error-Type</c> header,
/// else <c>Unhandled</c> (what Lambda reports). Null on success.
/// </param>
/// <param name="RequestId">The <c>Lambda-Runtime-Aws-Request-Id</c> of the invocation.</param>
public sealed record InvocationOutcome(bool Succeeded, string Body, string? ErrorType, string RequestId)
{
    /// <summary>The function never got the event: its initialization failed (<c>/runtime/init/error</c>).</summary>
    public bool IsInitError { get; init; }
}
