using System.Globalization;
using System.Text;

namespace Nuke.LambdaRust.Runtime;

/// <summary>
/// The server side of one HTTP/1.1 connection: reads requests (bodies framed by <c>Content-Length</c> or
/// <c>Transfer-Encoding: chunked</c>, <c>Expect: 100-continue</c> honoured) and writes responses with a length.
/// Small on purpose: it serves Lambda runtime clients on loopback, not the internet.
/// </summary>
internal sealed class HttpConnection(Stream stream, int maxBodyBytes)
{
    private const int MaxHeadBytes = 64 * 1024;
    private readonly byte[] _buffer = new byte[MaxHeadBytes];
    private int _start;
    private int _end;

    /// <summary>The next request, or null when the client closed the connection between requests.</summary>
    public async Task<RuntimeApiRequest?> ReadRequestAsync(CancellationToken cancellationToken)
    {
        var head = await ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        if (head is null)
            return null;

        var lines = head.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal) || requestLine[0].Length == 0)
            throw new HttpProtocolException(400, $"Malformed request line '{lines[0]}'.");
        var (method, target, version) = (requestLine[0], requestLine[1], requestLine[2]);
        var path = target.Split('?', 2)[0];

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
                throw new HttpProtocolException(400, $"Malformed header line '{line}'.", method, path);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var connection = headers.GetValueOrDefault("Connection")?.ToLowerInvariant() ?? "";
        var keepAlive = version == "HTTP/1.1" ? !connection.Contains("close") : connection.Contains("keep-alive");
        var chunked = headers.GetValueOrDefault("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) ?? false;
        long? contentLength = null;
        if (!chunked && headers.TryGetValue("Content-Length", out var lengthText))
        {
            if (!long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                throw new HttpProtocolException(400, $"Invalid Content-Length '{lengthText}'.", method, path);
            contentLength = length;
        }

        if (contentLength > maxBodyBytes)
            throw new HttpProtocolException(413, $"The body has {contentLength} bytes; the limit is {maxBodyBytes}.", method, path);

        var expectsBody = chunked || contentLength > 0;
        if (expectsBody && string.Equals(headers.GetValueOrDefault("Expect"), "100-continue", StringComparison.OrdinalIgnoreCase))
            await WriteRawAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);

        byte[] body;
        try
        {
            body = chunked
                ? await ReadChunkedAsync(method, path, cancellationToken).ConfigureAwait(false)
                : await ReadExactlyAsync((int)(contentLength ?? 0), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpProtocolException exception) when (exception.IsTruncated && exception.Path is null)
        {
            // Named, so the Runtime API can fail the invocation whose answer was cut off (as Lambda does).
            throw new HttpProtocolException(400, exception.Message, method, path, truncated: true);
        }

        return new RuntimeApiRequest(method, path, headers, body, keepAlive);
    }

    /// <summary>Writes a complete response with <c>Content-Length</c>.</summary>
    public async Task WriteResponseAsync(
        int status,
        IEnumerable<KeyValuePair<string, string>> headers,
        byte[] body,
        bool keepAlive,
        CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {ReasonPhrase(status)}\r\n");
        foreach (var (name, value) in headers)
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n");
        head.Append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
        head.Append("\r\n");
        var bytes = Encoding.ASCII.GetBytes(head.ToString());
        await WriteRawAsync([.. bytes, .. body], cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteRawAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Everything up to the blank line, or null at a clean end of stream.</summary>
    private async Task<string?> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var scanned = 0;
        while (true)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            var end = FindHeadEnd(span, scanned, out var terminatorLength);
            if (end >= 0)
            {
                var head = Encoding.Latin1.GetString(span[..end]);
                _start += end + terminatorLength;
                return head;
            }

            scanned = Math.Max(0, span.Length - 3);
            if (span.Length >= MaxHeadBytes)
                throw new HttpProtocolException(431, $"The request head is longer than {MaxHeadBytes} bytes.");
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_end == _start)
                    return null;
                throw new HttpProtocolException(400, "The connection closed in the middle of a request head.");
            }
        }
    }

    private static int FindHeadEnd(ReadOnlySpan<byte> span, int from, out int terminatorLength)
    {
        for (var i = from; i < span.Length; i++)
        {
            if (span[i] != '\n')
                continue;
            if (i + 1 < span.Length && span[i + 1] == '\n')
            {
                terminatorLength = 2;
                return i;
            }

            if (i + 2 < span.Length && span[i + 1] == '\r' && span[i + 2] == '\n')
            {
                terminatorLength = 3;
                return i;
            }
        }

        terminatorLength = 0;
        return -1;
    }

    private async Task<byte[]> ReadChunkedAsync(string method, string path, CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            var sizeText = sizeLine.Split(';', 2)[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
                throw new HttpProtocolException(400, $"Malformed chunk size '{sizeLine}'.", method, path);
            if (size == 0)
            {
                while ((await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length > 0)
                {
                    // Trailers carry nothing the Runtime API uses.
                }

                return body.ToArray();
            }

            if (body.Length + size > maxBodyBytes)
                throw new HttpProtocolException(413, $"The body is larger than the limit of {maxBodyBytes} bytes.", method, path);
            body.Write(await ReadExactlyAsync(size, cancellationToken).ConfigureAwait(false));
            if ((await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length != 0)
                throw new HttpProtocolException(400, "A chunk is not followed by CRLF.", method, path);
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            var newline = span.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var line = Encoding.Latin1.GetString(span[..newline]).TrimEnd('\r');
                _start += newline + 1;
                return line;
            }

            if (span.Length >= MaxHeadBytes)
                throw new HttpProtocolException(400, "A chunk line is too long.");
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                throw new HttpProtocolException(400, "The connection closed in the middle of a chunked body.", truncated: true);
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
    {
        var result = new byte[count];
        var buffered = Math.Min(count, _end - _start);
        _buffer.AsSpan(_start, buffered).CopyTo(result);
        _start += buffered;
        if (buffered < count)
        {
            try
            {
                await stream.ReadExactlyAsync(result.AsMemory(buffered), cancellationToken).ConfigureAwait(false);
            }
            catch (EndOfStreamException)
            {
                throw new HttpProtocolException(400, $"The connection closed before the body's {count} bytes arrived.", truncated: true);
            }
        }

        return result;
    }

    /// <summary>Reads more bytes into the buffer (compacting or growing it); false at end of stream.</summary>
    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }

    private static string ReasonPhrase(int status) => status switch
    {
        100 => "Continue",
        200 => "OK",
        202 => "Accepted",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        410 => "Gone",
        413 => "Payload Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        _ => "Status",
    };
}
