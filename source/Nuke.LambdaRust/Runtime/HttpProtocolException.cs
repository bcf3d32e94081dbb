namespace Nuke.LambdaRust.Runtime;

/// <summary>
/// A request <see cref="LocalRuntimeApi"/> cannot read; answered with <see cref="StatusCode"/>, then the connection closes.
/// </summary>
internal sealed class HttpProtocolException(int statusCode, string message, string? method = null, string? path = null, bool truncated = false)
    : Exception(message)
{
    /// <summary>The status to answer with (400, 413, 431 ...).</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The request's method when its head was readable.</summary>
    public string? Method { get; } = method;

    /// <summary>The request's path when its head was readable.</summary>
    public string? Path { get; } = path;

    /// <summary>The connection closed before the body its head announced arrived.</summary>
    public bool IsTruncated { get; } = truncated;
}
