using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nuke.LambdaRust.Runtime;

/// <summary>
/// The AWS Lambda Runtime API (<c>2018-06-01</c>) played locally, so a real <c>bootstrap</c> can be invoked without a cloud:
/// an HTTP/1.1 server on <c>127.0.0.1</c> (a free port) that hands queued events to <c>GET /runtime/invocation/next</c>
/// with Lambda's headers and collects what the function posts to <c>/invocation/{id}/response</c>, <c>/error</c> or
/// <c>/runtime/init/error</c>. Unknown paths get 404, answers for unknown or not yet served request ids get 400.
/// </summary>
/// <remarks>Start the bootstrap with <c>AWS_LAMBDA_RUNTIME_API</c> set to <see cref="Address"/>.</remarks>
public sealed partial class LocalRuntimeApi : IAsyncDisposable
{
    internal const string Region = "us-east-1";
    internal const string AccountId = "000000000000";

    /// <summary>Lambda's limit for a synchronous response (6 MB); a bigger answer fails the invocation as on Lambda.</summary>
    internal const int MaxResponseBytes = 6 * 1024 * 1024;

    private const string ApiPrefix = "/2018-06-01/runtime/";
    private static readonly KeyValuePair<string, string> JsonContentType = new("Content-Type", "application/json");

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;
    private readonly object _gate = new();
    private readonly LinkedList<PendingInvocation> _queue = new();
    private readonly SemaphoreSlim _queued = new(0, int.MaxValue);
    private readonly Dictionary<string, PendingInvocation> _invocations = new(StringComparer.Ordinal);
    private readonly Dictionary<TcpClient, Task> _connections = [];
    private InvocationOutcome? _initFailure;
    private bool _disposed;

    /// <summary>Starts listening on <c>127.0.0.1</c>, on a port the system picks.</summary>
    /// <param name="functionName">The function's name, used in <c>Lambda-Runtime-Invoked-Function-Arn</c>.</param>
    public LocalRuntimeApi(string functionName = "function")
    {
        if (!FunctionNamePattern().IsMatch(functionName))
        {
            throw new LambdaRustException(
                $"Invalid Lambda function name '{functionName}'.",
                "Use 1 to 64 letters, digits, '-' or '_'.");
        }

        FunctionName = functionName;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Address = $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}";
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary><c>127.0.0.1:port</c>: the value for <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address { get; }

    /// <summary>The function's name.</summary>
    public string FunctionName { get; }

    /// <summary>The ARN sent as <c>Lambda-Runtime-Invoked-Function-Arn</c>.</summary>
    public string FunctionArn => $"arn:aws:lambda:{Region}:{AccountId}:function:{FunctionName}";

    /// <summary>
    /// Queues an event for the next <c>GET .../invocation/next</c> and waits for the function's answer.
    /// After the function reported <c>/runtime/init/error</c>, every invocation fails with that error at once.
    /// </summary>
    /// <param name="eventJson">The event, sent as the body of the <c>/next</c> response.</param>
    /// <param name="timeout">How long the function has; also the <c>Lambda-Runtime-Deadline-Ms</c> it is told.</param>
    /// <param name="cancellationToken">Stops waiting; a late answer for this request is then refused.</param>
    /// <exception cref="LambdaRustException">No answer within <paramref name="timeout"/>.</exception>
    public async Task<InvocationOutcome> InvokeAsync(string eventJson, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (timeout <= TimeSpan.Zero)
        {
            throw new LambdaRustException(
                $"The invocation timeout {timeout} is not positive.",
                "Pass a timeout greater than zero, e.g. TimeSpan.FromSeconds(30).");
        }

        var requestId = Guid.NewGuid().ToString();
        var deadline = DateTimeOffset.UtcNow.Add(timeout).ToUnixTimeMilliseconds();
        var invocation = new PendingInvocation(requestId, Encoding.UTF8.GetBytes(eventJson), deadline, NewTraceId());
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_initFailure is { } failure)
                return failure with { RequestId = requestId };
            _invocations[requestId] = invocation;
            _queue.AddLast(invocation);
        }

        _queued.Release();
        try
        {
            return await invocation.Completion.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Forget(invocation);
            if (invocation.Completion.Task.IsCompletedSuccessfully)
                return invocation.Completion.Task.Result; // answered just as the time ran out
            var what = invocation.Served
                ? "fetched the event but did not post a response or an error"
                : "did not fetch the event (GET /2018-06-01/runtime/invocation/next)";
            throw new LambdaRustException(
                $"The function {what} for request {requestId} within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.",
                $"Make sure the bootstrap is running with AWS_LAMBDA_RUNTIME_API={Address} and implements the Runtime API loop; raise the timeout if it is only slow.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Forget(invocation);
            throw;
        }
    }

    /// <summary>Stops listening, closes every connection and fails invocations still waiting.</summary>
    public async ValueTask DisposeAsync()
    {
        List<PendingInvocation> waiting;
        List<TcpClient> clients;
        List<Task> connections;
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            waiting = [.. _invocations.Values];
            _invocations.Clear();
            _queue.Clear();
            clients = [.. _connections.Keys];
            connections = [.. _connections.Values];
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        foreach (var invocation in waiting)
            invocation.Completion.TrySetException(new ObjectDisposedException(nameof(LocalRuntimeApi), "The local Runtime API was stopped before the function answered."));
        foreach (var client in clients)
            client.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(connections).ConfigureAwait(false);
        _stopping.Dispose();
        _queued.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            // Created unstarted so that the task is registered before it can finish and unregister itself.
            var start = new Task<Task>(() => ServeConnectionAsync(client));
            lock (_gate)
            {
                if (_disposed)
                {
                    client.Dispose();
                    return;
                }

                _connections[client] = start.Unwrap();
            }

            start.Start(TaskScheduler.Default);
        }
    }

    private async Task ServeConnectionAsync(TcpClient client)
    {
        try
        {
            using (client)
            {
                // Null when DisposeAsync closed the client before this task ran.
                var socket = client.Client;
                // Bound to loopback already; refuse anything else all the same.
                if (socket?.RemoteEndPoint is not IPEndPoint remote || !IPAddress.IsLoopback(remote.Address))
                    return;
                socket.NoDelay = true;
                using var stream = new NetworkStream(socket, ownsSocket: false);
                var connection = new HttpConnection(stream, MaxResponseBytes);
                var token = _stopping.Token;
                while (!token.IsCancellationRequested)
                {
                    RuntimeApiRequest? request;
                    try
                    {
                        request = await connection.ReadRequestAsync(token).ConfigureAwait(false);
                    }
                    catch (HttpProtocolException exception)
                    {
                        var reply = Unreadable(exception);
                        await connection.WriteResponseAsync(reply.Status, [JsonContentType], reply.Body, keepAlive: false, token).ConfigureAwait(false);
                        return;
                    }

                    if (request is null)
                        return;

                    if (request.Method == "GET" && request.Path == ApiPrefix + "invocation/next")
                    {
                        await ServeNextAsync(connection, request.KeepAlive, token).ConfigureAwait(false);
                    }
                    else
                    {
                        var reply = Route(request);
                        await connection.WriteResponseAsync(reply.Status, [JsonContentType], reply.Body, request.KeepAlive, token).ConfigureAwait(false);
                    }

                    if (!request.KeepAlive)
                        return;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or we are stopping: nothing to answer.
        }
        finally
        {
            lock (_gate)
                _connections.Remove(client);
        }
    }

    private async Task ServeNextAsync(HttpConnection connection, bool keepAlive, CancellationToken token)
    {
        var invocation = await NextInvocationAsync(token).ConfigureAwait(false);
        var headers = new KeyValuePair<string, string>[]
        {
            JsonContentType,
            new("Lambda-Runtime-Aws-Request-Id", invocation.RequestId),
            new("Lambda-Runtime-Deadline-Ms", invocation.DeadlineMs.ToString(CultureInfo.InvariantCulture)),
            new("Lambda-Runtime-Invoked-Function-Arn", FunctionArn),
            new("Lambda-Runtime-Trace-Id", invocation.TraceId),
        };
        try
        {
            await connection.WriteResponseAsync(200, headers, invocation.EventBody, keepAlive, token).ConfigureAwait(false);
        }
        catch
        {
            // The poller vanished (e.g. a killed process): the event goes back to the front for the next one.
            Requeue(invocation);
            throw;
        }
    }

    private async Task<PendingInvocation> NextInvocationAsync(CancellationToken token)
    {
        while (true)
        {
            await _queued.WaitAsync(token).ConfigureAwait(false);
            lock (_gate)
            {
                var first = _queue.First;
                if (first is null)
                    continue;
                _queue.RemoveFirst();
                if (first.Value.Completion.Task.IsCompleted)
                    continue; // timed out or cancelled while queued
                first.Value.Served = true;
                return first.Value;
            }
        }
    }

    private void Requeue(PendingInvocation invocation)
    {
        lock (_gate)
        {
            if (_disposed || invocation.Completion.Task.IsCompleted)
                return;
            invocation.Served = false;
            _queue.AddFirst(invocation);
        }

        _queued.Release();
    }

    private void Forget(PendingInvocation invocation)
    {
        lock (_gate)
            _invocations.Remove(invocation.RequestId);
        invocation.Completion.TrySetCanceled();
    }

    private (int Status, byte[] Body) Route(RuntimeApiRequest request)
    {
        if (!request.Path.StartsWith(ApiPrefix, StringComparison.Ordinal))
            return NotFound(request);

        var rest = request.Path[ApiPrefix.Length..];
        if (rest == "invocation/next")
            return MethodNotAllowed(request, "GET");

        if (rest == "init/error")
            return request.Method == "POST" ? InitError(request) : MethodNotAllowed(request, "POST");

        var segments = rest.Split('/');
        if (segments is ["invocation", var encodedId, "response" or "error"] && encodedId.Length > 0)
        {
            if (request.Method != "POST")
                return MethodNotAllowed(request, "POST");
            var requestId = Uri.UnescapeDataString(encodedId);
            var body = Encoding.UTF8.GetString(request.Body);
            var outcome = segments[2] == "response"
                ? new InvocationOutcome(true, body, null, requestId)
                : new InvocationOutcome(false, body, ErrorTypeOf(body, request.Header("Lambda-Runtime-Function-Error-Type")), requestId);
            return Complete(requestId, outcome)
                ? (202, Json("""{"status":"OK"}"""))
                : (400, ErrorDocument($"Invalid request ID '{requestId}': it is not an invocation this function is processing.", "InvalidRequestID"));
        }

        return NotFound(request);
    }

    private (int Status, byte[] Body) InitError(RuntimeApiRequest request)
    {
        var body = Encoding.UTF8.GetString(request.Body);
        var errorType = ErrorTypeOf(body, request.Header("Lambda-Runtime-Function-Error-Type"));
        List<PendingInvocation> failed;
        lock (_gate)
        {
            _initFailure = new InvocationOutcome(false, body, errorType, "");
            failed = [.. _invocations.Values];
            _invocations.Clear();
            _queue.Clear();
        }

        foreach (var invocation in failed)
            invocation.Completion.TrySetResult(new InvocationOutcome(false, body, errorType, invocation.RequestId));
        return (202, Json("""{"status":"OK"}"""));
    }

    /// <summary>Completes a served invocation; false when the id is unknown, not served yet, or already answered.</summary>
    private bool Complete(string requestId, InvocationOutcome outcome)
    {
        PendingInvocation? invocation;
        lock (_gate)
        {
            if (!_invocations.TryGetValue(requestId, out invocation) || !invocation.Served)
                return false;
            _invocations.Remove(requestId);
        }

        return invocation.Completion.TrySetResult(outcome);
    }

    private (int Status, byte[] Body) Unreadable(HttpProtocolException exception)
    {
        // An answer over Lambda's size limit fails its invocation, as on Lambda.
        if (exception is { StatusCode: 413, Method: "POST", Path: { } path }
            && path.StartsWith(ApiPrefix + "invocation/", StringComparison.Ordinal)
            && path[(ApiPrefix.Length + "invocation/".Length)..].Split('/') is [var encodedId, "response" or "error"])
        {
            var requestId = Uri.UnescapeDataString(encodedId);
            var document = $$"""{"errorMessage":"Response payload size exceeded maximum allowed payload size ({{MaxResponseBytes}} bytes).","errorType":"Function.ResponseSizeTooLarge"}""";
            Complete(requestId, new InvocationOutcome(false, document, "Function.ResponseSizeTooLarge", requestId));
            return (413, ErrorDocument(exception.Message, "RequestEntityTooLarge"));
        }

        return (exception.StatusCode, ErrorDocument(exception.Message, "InvalidRequest"));
    }

    private static (int Status, byte[] Body) NotFound(RuntimeApiRequest request) =>
        (404, ErrorDocument($"Unknown path '{request.Path}'; the Runtime API serves {ApiPrefix}invocation/next, invocation/{{id}}/response, invocation/{{id}}/error and init/error.", "NotFound"));

    private static (int Status, byte[] Body) MethodNotAllowed(RuntimeApiRequest request, string allowed) =>
        (405, ErrorDocument($"{request.Method} is not allowed on '{request.Path}'; use {allowed}.", "MethodNotAllowed"));

    /// <summary>The error document's <c>errorType</c>, else the header, else <c>Unhandled</c> (Lambda's word for it).</summary>
    internal static string ErrorTypeOf(string body, string? header)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("errorType", out var errorType)
                && errorType.ValueKind == JsonValueKind.String
                && errorType.GetString() is { Length: > 0 } value)
                return value;
        }
        catch (JsonException)
        {
            // Not JSON: fall back to the header.
        }

        return string.IsNullOrWhiteSpace(header) ? "Unhandled" : header.Trim();
    }

    private static byte[] ErrorDocument(string message, string errorType) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["errorMessage"] = message, ["errorType"] = errorType });

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>An X-Ray trace header in Lambda's shape: <c>Root=1-{epoch hex}-{96 bit};Parent={64 bit};Sampled=0</c>.</summary>
    private static string NewTraceId()
    {
        var seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("x8", CultureInfo.InvariantCulture);
        return $"Root=1-{seconds}-{RandomNumberGenerator.GetHexString(24, lowercase: true)};Parent={RandomNumberGenerator.GetHexString(16, lowercase: true)};Sampled=0";
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex FunctionNamePattern();
}
