namespace Nuke.LambdaRust.Runtime;

/// <summary>One HTTP request received by <see cref="LocalRuntimeApi"/>.</summary>
/// <param name="Method">The method, e.g. <c>GET</c>.</param>
/// <param name="Path">The path without query string, still percent-encoded.</param>
/// <param name="Headers">The headers; names compare case-insensitively, repeated names keep the last value.</param>
/// <param name="Body">The body, de-chunked.</param>
/// <param name="KeepAlive">Whether the connection stays open after the response.</param>
internal sealed record RuntimeApiRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    bool KeepAlive)
{
    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
