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
/// <c>/runtime/init/error</c>.
/// </summary>
/// <remarks>
/// <para>Start the bootstrap with <c>AWS_LAMBDA_RUNTIME_API</c> set to <see cref="Address"/>.</para>
/// <para>
/// Status codes follow AWS's OpenAPI specification of the Runtime API (version 1.0.3, linked from
/// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html) and the error types of Lambda's runtime interface
/// emulator: 202 Accepted (<c>{"status":"OK"}</c>) for every accepted post; 400 <c>InvalidRequestID</c> for an answer
/// to another request than the one in progress, 400 <c>TruncatedHTTPRequest</c> for a body cut off before its length;
/// 403 <c>InvalidStateTransition</c> for a call the runtime's state does not allow (an answer while no invocation is in
/// progress, <c>/next</c> after an init error, an init error after initialization ended); 413
/// <c>RequestEntityTooLarge</c> for a response over 6 MB; 500 <c>InternalServerError</c> for a failure of ours. Paths
/// the API does not have get 404 and known paths with the wrong method 405, as Lambda's HTTP router answers them.
/// </para>
/// </remarks>
public sealed partial class LocalRuntimeApi : IAsyncDisposable
{
    /// <summary>The region the ARN names when none is given: Lambda's oldest.</summary>
    internal const string DefaultRegion = "us-east-1";
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
    private bool _initialized;
    private bool _disposed;

    /// <summary>Starts listening on <c>127.0.0.1</c>, on a port the system picks.</summary>
    /// <param name="functionName">The function's name, used in <c>Lambda-Runtime-Invoked-Function-Arn</c>.</param>
    /// <param name="region">The region in that ARN; <c>us-east-1</c> when null.</param>
    public LocalRuntimeApi(string functionName = "function", string? region = null)
    {
        if (!IsValidFunctionName(functionName))
        {
            throw new LambdaRustException(
                $"Invalid Lambda function name '{functionName}'.",
                "Use 1 to 64 letters, digits, '-' or '_'.");
        }

        FunctionName = functionName;
        Region = string.IsNullOrWhiteSpace(region) ? DefaultRegion : region.Trim();
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Address = $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}";
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary><c>127.0.0.1:port</c>: the value for <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address { get; }

    /// <summary>The function's name.</summary>
    public string FunctionName { get; }

    /// <summary>The function's region.</summary>
    public string Region { get; }

    /// <summary>The ARN sent as <c>Lambda-Runtime-Invoked-Function-Arn</c>.</summary>
    public string FunctionArn => $"arn:aws:lambda:{Region}:{AccountId}:function:{FunctionName}";

    /// <summary>
    /// Queues an event for the next <c>GET .../invocation/next</c> and waits for the function's answer.
    /// After the function reported <c>/runtime/init/error</c>, every invocation fails with that error at once
    /// (<see cref="InvocationOutcome.IsInitError"/>), as Lambda serves it in response to the invoke.
    /// </summary>
    /// <param name="eventJson">The event, sent as the body of the <c>/next</c> response.</param>
    /// <param name="timeout">How long the function has; also the <c>Lambda-Runtime-Deadline-Ms</c> it is told.</param>
    /// <param name="cancellationToken">Stops waiting; a late answer for this request is then refused.</param>
    /// <exception cref="LambdaRustException">No answer within <paramref name="timeout"/>.</exception>
    public Task<InvocationOutcome> InvokeAsync(string eventJson, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        InvokeAsync(eventJson, timeout, Guid.NewGuid().ToString(), cancellationToken);

    /// <summary>As the public overload, with the request id chosen by the caller (who reports it when the function crashes).</summary>
    internal async Task<InvocationOutcome> InvokeAsync(string eventJson, TimeSpan timeout, string requestId, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero)
        {
            throw new LambdaRustException(
                $"The invocation timeout {timeout} is not positive.",
                "Pass a timeout greater than zero, e.g. TimeSpan.FromSeconds(30).");
        }

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

                    // Null: a /next the runtime may make, answered when an event is there (it blocks until then).
                    var answer = request.Method == "GET" && request.Path == ApiPrefix + "invocation/next" ? RefuseNext() : SafeRoute(request);
                    if (answer is { } immediate)
                        await connection.WriteResponseAsync(immediate.Status, [JsonContentType], immediate.Body, request.KeepAlive, token).ConfigureAwait(false);
                    else
                        await ServeNextAsync(connection, request.KeepAlive, token).ConfigureAwait(false);

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

    /// <summary>Null when the runtime may fetch the next event; the 403 Lambda answers after an init error otherwise.</summary>
    private (int Status, byte[] Body)? RefuseNext()
    {
        lock (_gate)
        {
            if (_initFailure is not null)
            {
                return (403, ErrorDocument(
                    "State transition from InitError to Ready failed: the runtime reported an initialization error and cannot take invocations.",
                    "InvalidStateTransition"));
            }

            // The first /next ends initialization, as on Lambda; an init error after it is refused.
            _initialized = true;
            return null;
        }
    }

    private (int Status, byte[] Body) SafeRoute(RuntimeApiRequest request)
    {
        try
        {
            return Route(request);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return (500, ErrorDocument($"The local Runtime API failed on {request.Method} {request.Path}: {exception.Message}", "InternalServerError"));
        }
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
                : FunctionError(body, request.Header("Lambda-Runtime-Function-Error-Type"), requestId);
            return Complete(requestId, outcome) ?? Accepted;
        }

        return NotFound(request);
    }

    /// <summary>An error post as the invoker sees it; an empty body becomes a document built from the header, as Lambda does.</summary>
    private static InvocationOutcome FunctionError(string body, string? errorTypeHeader, string requestId)
    {
        var errorType = ErrorTypeOf(body, errorTypeHeader);
        var document = string.IsNullOrWhiteSpace(body) ? Encoding.UTF8.GetString(ErrorDocument("", errorType)) : body;
        return new InvocationOutcome(false, document, errorType, requestId);
    }

    private (int Status, byte[] Body) InitError(RuntimeApiRequest request)
    {
        var outcome = FunctionError(Encoding.UTF8.GetString(request.Body), request.Header("Lambda-Runtime-Function-Error-Type"), "") with { IsInitError = true };
        List<PendingInvocation> failed;
        lock (_gate)
        {
            if (_initialized || _initFailure is not null)
            {
                var state = _initFailure is not null ? "InitError" : "Ready";
                return (403, ErrorDocument(
                    $"State transition from {state} to InitError failed: initialization already {(_initFailure is not null ? "failed" : "ended with the first GET /runtime/invocation/next")}.",
                    "InvalidStateTransition"));
            }

            _initFailure = outcome;
            failed = [.. _invocations.Values];
            _invocations.Clear();
            _queue.Clear();
        }

        foreach (var invocation in failed)
            invocation.Completion.TrySetResult(outcome with { RequestId = invocation.RequestId });
        return Accepted;
    }

    /// <summary>
    /// Completes the invocation in progress with this id; else the error Lambda answers: 400 when another invocation
    /// is in progress (a wrong id), 403 when none is (the runtime's state allows no answer).
    /// </summary>
    private (int Status, byte[] Body)? Complete(string requestId, InvocationOutcome outcome)
    {
        PendingInvocation? invocation;
        lock (_gate)
        {
            if (!_invocations.TryGetValue(requestId, out invocation) || !invocation.Served || invocation.Completion.Task.IsCompleted)
            {
                return _invocations.Values.Any(i => i.Served && !i.Completion.Task.IsCompleted)
                    ? (400, ErrorDocument($"Invalid request ID '{requestId}': it is not the invocation in progress.", "InvalidRequestID"))
                    : (403, ErrorDocument(
                        $"State transition to an invocation answer failed: no invocation is in progress (request '{requestId}' was never handed out by GET /runtime/invocation/next, or was answered or timed out already).",
                        "InvalidStateTransition"));
            }

            _invocations.Remove(requestId);
        }

        invocation.Completion.TrySetResult(outcome);
        return null;
    }

    private (int Status, byte[] Body) Unreadable(HttpProtocolException exception)
    {
        // An answer Lambda cannot take whole fails its invocation, as on Lambda: too large, or cut off.
        if (exception is { StatusCode: 413 or 400, Method: "POST", Path: { } path }
            && (exception.StatusCode == 413 || exception.IsTruncated)
            && path.StartsWith(ApiPrefix + "invocation/", StringComparison.Ordinal)
            && path[(ApiPrefix.Length + "invocation/".Length)..].Split('/') is [var encodedId, "response" or "error"])
        {
            var requestId = Uri.UnescapeDataString(encodedId);
            var (errorType, message, replyType) = exception.StatusCode == 413
                ? ("Function.ResponseSizeTooLarge", $"Response payload size exceeded maximum allowed payload size ({MaxResponseBytes} bytes).", "RequestEntityTooLarge")
                : ("Runtime.TruncatedResponse", "The runtime's answer was cut off before its announced length: " + exception.Message, "TruncatedHTTPRequest");
            var document = Encoding.UTF8.GetString(ErrorDocument(message, errorType));
            return Complete(requestId, new InvocationOutcome(false, document, errorType, requestId))
                ?? (exception.StatusCode, ErrorDocument(exception.Message, replyType));
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

    private static (int Status, byte[] Body) Accepted => (202, """{"status":"OK"}"""u8.ToArray());

    /// <summary>An X-Ray trace header in Lambda's shape: <c>Root=1-{epoch hex}-{96 bit};Parent={64 bit};Sampled=0</c>.</summary>
    private static string NewTraceId()
    {
        var seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("x8", CultureInfo.InvariantCulture);
        return $"Root=1-{seconds}-{RandomNumberGenerator.GetHexString(24, lowercase: true)};Parent={RandomNumberGenerator.GetHexString(16, lowercase: true)};Sampled=0";
    }

    /// <summary>Whether Lambda accepts this as a function's name: 1 to 64 letters, digits, '-' or '_'.</summary>
    internal static bool IsValidFunctionName(string name) => FunctionNamePattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex FunctionNamePattern();
}
