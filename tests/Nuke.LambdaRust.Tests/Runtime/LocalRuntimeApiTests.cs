using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Nuke.LambdaRust.Runtime;

namespace Nuke.LambdaRust.Tests.Runtime;

/// <summary>The local Runtime API, driven over real HTTP by HttpClient and raw sockets playing the function.</summary>
public sealed class LocalRuntimeApiTests : IAsyncLifetime
{
    private const string Next = "/2018-06-01/runtime/invocation/next";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private readonly LocalRuntimeApi _api = new("orders");
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        // No proxy: an http_proxy in the environment must not reroute loopback calls.
        _client = new HttpClient(new HttpClientHandler { UseProxy = false }) { BaseAddress = new Uri($"http://{_api.Address}") };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Address_is_a_loopback_host_and_port_that_accepts_connections()
    {
        Assert.Matches(@"^127\.0\.0\.1:\d+$", _api.Address);
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, int.Parse(_api.Address.Split(':')[1]));
        Assert.True(socket.Connected);
    }

    [Fact]
    public async Task Next_hands_out_the_queued_event_with_the_headers_Lambda_sends()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var invocation = _api.InvokeAsync("""{"name":"Ada"}""", TimeSpan.FromMinutes(5));

        using var next = await _client.GetAsync(Next);
        using var answered = await PostAsync($"/2018-06-01/runtime/invocation/{Header(next, "Lambda-Runtime-Aws-Request-Id")}/response", "{}");
        await invocation;

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("""{"name":"Ada"}""", await next.Content.ReadAsStringAsync());
        Assert.True(Guid.TryParse(Header(next, "Lambda-Runtime-Aws-Request-Id"), out _));
        var deadline = long.Parse(Header(next, "Lambda-Runtime-Deadline-Ms"));
        Assert.InRange(deadline, before + (long)TimeSpan.FromMinutes(5).TotalMilliseconds, long.MaxValue);
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:orders", Header(next, "Lambda-Runtime-Invoked-Function-Arn"));
        Assert.Matches("^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$", Header(next, "Lambda-Runtime-Trace-Id"));
    }

    [Fact]
    public async Task Posted_response_completes_the_invocation_with_its_body()
    {
        var invocation = _api.InvokeAsync("{}", Generous);
        var requestId = await FetchRequestIdAsync();

        using var posted = await PostAsync($"/2018-06-01/runtime/invocation/{requestId}/response", """{"ok":1}""");

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal("application/json", posted.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"status":"OK"}""", await posted.Content.ReadAsStringAsync());
        Assert.Equal(new InvocationOutcome(true, """{"ok":1}""", null, requestId), await invocation);
    }

    [Fact]
    public async Task Posted_error_fails_the_invocation_with_the_documents_error_type()
    {
        var invocation = _api.InvokeAsync("{}", Generous);
        var requestId = await FetchRequestIdAsync();
        const string document = """{"errorMessage":"no such order","errorType":"OrderNotFound"}""";

        using var posted = await PostAsync($"/2018-06-01/runtime/invocation/{requestId}/error", document, ("Lambda-Runtime-Function-Error-Type", "Other"));

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal(new InvocationOutcome(false, document, "OrderNotFound", requestId), await invocation);
    }

    [Fact]
    public async Task Error_type_comes_from_the_header_when_the_body_is_not_an_error_document()
    {
        var invocation = _api.InvokeAsync("{}", Generous);
        var requestId = await FetchRequestIdAsync();

        using var posted = await PostAsync($"/2018-06-01/runtime/invocation/{requestId}/error", "stack overflow", ("Lambda-Runtime-Function-Error-Type", "Runtime.Crash"));

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal("Runtime.Crash", (await invocation).ErrorType);
    }

    [Fact]
    public async Task Answer_for_another_request_id_is_rejected_and_the_invocation_stays_open()
    {
        var invocation = _api.InvokeAsync("{}", Generous);
        var requestId = await FetchRequestIdAsync();

        using var mismatch = await PostAsync($"/2018-06-01/runtime/invocation/{Guid.NewGuid()}/response", "\"wrong\"");

        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Equal("InvalidRequestID", JsonDocument.Parse(await mismatch.Content.ReadAsStringAsync()).RootElement.GetProperty("errorType").GetString());
        Assert.False(invocation.IsCompleted);
        using var right = await PostAsync($"/2018-06-01/runtime/invocation/{requestId}/response", "\"right\"");
        Assert.Equal("\"right\"", (await invocation).Body);
    }

    [Fact]
    public async Task Second_answer_for_the_same_request_is_refused_with_403_as_no_invocation_is_in_progress()
    {
        var invocation = _api.InvokeAsync("{}", Generous);
        var requestId = await FetchRequestIdAsync();
        using var first = await PostAsync($"/2018-06-01/runtime/invocation/{requestId}/response", "1");

        using var second = await PostAsync($"/2018-06-01/runtime/invocation/{requestId}/error", """{"errorType":"Late"}""");

        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Equal("InvalidStateTransition", await ErrorTypeOfAsync(second));
        Assert.True((await invocation).Succeeded);
    }

    [Fact]
    public async Task Answer_before_any_event_was_handed_out_is_refused_with_403()
    {
        using var response = await PostAsync($"/2018-06-01/runtime/invocation/{Guid.NewGuid()}/response", "{}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("InvalidStateTransition", await ErrorTypeOfAsync(response));
    }

    [Fact]
    public async Task Next_after_an_init_error_is_refused_with_403()
    {
        using var initError = await PostAsync("/2018-06-01/runtime/init/error", """{"errorMessage":"no config","errorType":"Runtime.InitError"}""");

        using var next = await _client.GetAsync(Next);

        Assert.Equal(HttpStatusCode.Accepted, initError.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, next.StatusCode);
        Assert.Equal("InvalidStateTransition", await ErrorTypeOfAsync(next));
    }

    [Fact]
    public async Task Init_error_after_initialization_ended_is_refused_with_403_and_changes_nothing()
    {
        var first = _api.InvokeAsync("{}", Generous);
        using var answered = await PostAsync($"/2018-06-01/runtime/invocation/{await FetchRequestIdAsync()}/response", "1");
        await first;

        using var initError = await PostAsync("/2018-06-01/runtime/init/error", """{"errorMessage":"late","errorType":"Runtime.InitError"}""");

        Assert.Equal(HttpStatusCode.Forbidden, initError.StatusCode);
        Assert.Equal("InvalidStateTransition", await ErrorTypeOfAsync(initError));
        var second = _api.InvokeAsync("{}", Generous);
        using var answeredAgain = await PostAsync($"/2018-06-01/runtime/invocation/{await FetchRequestIdAsync()}/response", "2");
        Assert.Equal("2", (await second).Body);
    }

    [Fact]
    public async Task Init_error_outcome_is_marked_as_one()
    {
        var waiting = _api.InvokeAsync("{}", Generous);

        using var posted = await PostAsync("/2018-06-01/runtime/init/error", "", ("Lambda-Runtime-Function-Error-Type", "Runtime.ConfigError"));

        var outcome = await waiting;
        Assert.True(outcome.IsInitError);
        Assert.Equal("Runtime.ConfigError", outcome.ErrorType);
    }

    [Fact]
    public async Task Error_without_a_body_gets_a_document_built_from_the_error_type_header()
    {
        var invocation = _api.InvokeAsync("{}", Generous);
        var requestId = await FetchRequestIdAsync();

        using var posted = await PostAsync($"/2018-06-01/runtime/invocation/{requestId}/error", "", ("Lambda-Runtime-Function-Error-Type", "Runtime.Crash"));

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var outcome = await invocation;
        Assert.Equal("Runtime.Crash", outcome.ErrorType);
        Assert.Equal("Runtime.Crash", JsonDocument.Parse(outcome.Body).RootElement.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task Response_without_a_body_is_an_empty_response()
    {
        var invocation = _api.InvokeAsync("{}", Generous);
        var requestId = await FetchRequestIdAsync();

        var status = await RawExchangeAsync($"POST /2018-06-01/runtime/invocation/{requestId}/response HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 202", status);
        Assert.Equal(new InvocationOutcome(true, "", null, requestId), await invocation);
    }

    [Fact]
    public async Task Answer_cut_off_before_its_length_is_answered_with_400_and_fails_the_invocation()
    {
        var invocation = _api.InvokeAsync("{}", Generous);
        var requestId = await FetchRequestIdAsync();

        var status = await RawExchangeAsync(
            $"POST /2018-06-01/runtime/invocation/{requestId}/response HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{{\"partial\":", closeAfterSending: true);

        Assert.StartsWith("HTTP/1.1 400", status);
        var outcome = await invocation;
        Assert.Equal((false, "Runtime.TruncatedResponse"), (outcome.Succeeded, outcome.ErrorType));
    }

    [Theory]
    [InlineData("POST", "/2018-06-01/runtime/invocation/next")]
    [InlineData("GET", "/2018-06-01/runtime/init/error")]
    [InlineData("PUT", "/2018-06-01/runtime/invocation/8476a536-e9f4-11e8-9739-2dfe598c3fcd/error")]
    public async Task Wrong_method_is_answered_with_405(string method, string path)
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}") });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData("/2018-06-01/runtime/invocation/next/extra")]
    [InlineData("/2020-01-01/extension/register")]
    [InlineData("/2018-06-01/runtime/invocation//response")]
    [InlineData("/")]
    public async Task Unknown_path_is_answered_with_404(string path)
    {
        using var response = await PostAsync(path, "{}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Init_error_fails_the_waiting_invocation_and_every_later_one()
    {
        var waiting = _api.InvokeAsync("{}", Generous);
        const string document = """{"errorMessage":"missing TABLE_NAME","errorType":"Runtime.InitError"}""";

        using var posted = await PostAsync("/2018-06-01/runtime/init/error", document);

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var failed = await waiting;
        Assert.Equal((false, document, "Runtime.InitError"), (failed.Succeeded, failed.Body, failed.ErrorType));
        var later = await _api.InvokeAsync("{}", Generous);
        Assert.Equal("Runtime.InitError", later.ErrorType);
        Assert.NotEqual(failed.RequestId, later.RequestId);
    }

    [Fact]
    public async Task Invocation_nobody_fetches_fails_with_an_error_saying_so()
    {
        var error = await Assert.ThrowsAsync<LambdaRustException>(() => _api.InvokeAsync("{}", TimeSpan.FromMilliseconds(200)));

        Assert.Contains("did not fetch the event", error.Problem);
        Assert.Contains(_api.Address, error.Fix);
    }

    [Fact]
    public async Task Chunked_answer_over_a_raw_socket_is_understood()
    {
        var invocation = _api.InvokeAsync("{}", Generous);
        var requestId = await FetchRequestIdAsync();

        var status = await RawExchangeAsync(
            $"POST /2018-06-01/runtime/invocation/{requestId}/response HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
            "5\r\n{\"a\":\r\n3;ext\r\n42}\r\n0\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 202", status);
        Assert.Equal("""{"a":42}""", (await invocation).Body);
    }

    [Fact]
    public async Task Answer_over_Lambdas_size_limit_fails_the_invocation_like_Lambda()
    {
        var invocation = _api.InvokeAsync("{}", Generous);
        var requestId = await FetchRequestIdAsync();

        var status = await RawExchangeAsync(
            $"POST /2018-06-01/runtime/invocation/{requestId}/response HTTP/1.1\r\nHost: x\r\nContent-Length: {LocalRuntimeApi.MaxResponseBytes + 1}\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 413", status);
        var outcome = await invocation;
        Assert.Equal((false, "Function.ResponseSizeTooLarge"), (outcome.Succeeded, outcome.ErrorType));
    }

    [Fact]
    public async Task Malformed_request_is_answered_with_400()
    {
        var status = await RawExchangeAsync("NONSENSE\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400", status);
    }

    private async Task<string> FetchRequestIdAsync()
    {
        using var next = await _client.GetAsync(Next);
        next.EnsureSuccessStatusCode();
        return Header(next, "Lambda-Runtime-Aws-Request-Id");
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
            request.Headers.Add(name, value);
        return await _client.SendAsync(request);
    }

    private static async Task<string?> ErrorTypeOfAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errorType").GetString();

    /// <summary>Sends raw bytes (then, if asked, closes the sending side) and returns the status line of the answer.</summary>
    private async Task<string> RawExchangeAsync(string request, bool closeAfterSending = false)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, int.Parse(_api.Address.Split(':')[1]));
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        if (closeAfterSending)
            socket.Client.Shutdown(SocketShutdown.Send);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadLineAsync() ?? "";
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : throw new Xunit.Sdk.XunitException($"The response has no {name} header.");
}
