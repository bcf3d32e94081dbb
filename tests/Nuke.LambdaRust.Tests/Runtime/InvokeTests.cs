using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.RegularExpressions;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Runtime;
using Nuke.LambdaRust.Tests.Support;
using Xunit.Abstractions;

namespace Nuke.LambdaRust.Tests.Runtime;

/// <summary>
/// LambdaRustTasks.Invoke on real packages of the fixture functions, for both architectures (arm64 under qemu-aarch64
/// on an x86_64 machine): the zip unpacked, the bootstrap started in Lambda's environment, the events sent in order.
/// </summary>
[UnsupportedOSPlatform("windows")] // Lambda bootstraps are Linux executables
public sealed class InvokeTests(InvokeFixturePackages fixtures, ITestOutputHelper output) : IClassFixture<InvokeFixturePackages>
{
    private readonly RecordingLogger _log = new();

    [Theory]
    [InlineData("arm64")]
    [InlineData("x86_64")]
    public async Task Event_gets_the_functions_response(string architecture)
    {
        var report = await InvokeAsync("counter", architecture, s => s.AddEvents("""{"name":"Ada"}"""));

        var invocation = Assert.Single(report.Invocations);
        Assert.Equal(InvocationStatus.Succeeded, invocation.Status);
        using var response = JsonDocument.Parse(invocation.Body);
        Assert.Equal(1, response.RootElement.GetProperty("count").GetInt32());
        Assert.Equal("Ada", response.RootElement.GetProperty("event").GetProperty("name").GetString());
        Assert.Equal(LambdaArchitectures.Parse(architecture), report.Architecture);
    }

    [Theory]
    [InlineData("arm64")]
    [InlineData("x86_64")]
    public async Task Several_events_reach_one_running_bootstrap_in_order(string architecture)
    {
        var report = await InvokeAsync("counter", architecture, s => s.AddEvents("""{"n":1}""", """{"n":2}""", """{"n":3}"""));

        Assert.True(report.Succeeded);
        var responses = report.Invocations.Select(i => JsonDocument.Parse(i.Body).RootElement).ToList();
        Assert.Equal([1, 2, 3], responses.Select(r => r.GetProperty("count").GetInt32()));
        Assert.Equal([1, 2, 3], responses.Select(r => r.GetProperty("event").GetProperty("n").GetInt32()));
        Assert.Single(responses.Select(r => r.GetProperty("pid").GetInt32()).Distinct());
        Assert.Equal([true, false, false], report.Invocations.Select(i => i.ColdStart));
    }

    [Theory]
    [InlineData("arm64")]
    [InlineData("x86_64")]
    public async Task Function_error_is_a_result_with_its_type_and_message(string architecture)
    {
        var report = await InvokeAsync("fails", architecture, s => s.AddEvents("""{"order":7}"""));

        var invocation = Assert.Single(report.Invocations);
        Assert.Equal((InvocationStatus.FunctionError, "HandlerError", "the order does not exist"), (invocation.Status, invocation.ErrorType, invocation.ErrorMessage));
        var error = Assert.Throws<LambdaRustException>(() => report.EnsureSucceeded());
        Assert.Contains("fails (" + architecture + ") failed 1 of 1 invocations", error.Problem);
        Assert.Contains("event 1: function error HandlerError: the order does not exist", error.Problem);
    }

    [Theory]
    [InlineData("arm64")]
    [InlineData("x86_64")]
    public async Task Init_error_is_reported_for_each_event_and_each_gets_a_new_sandbox(string architecture)
    {
        var report = await InvokeAsync("init-fails", architecture, s => s.AddEvents("{}", "{}"));

        Assert.All(report.Invocations, invocation =>
        {
            Assert.Equal((InvocationStatus.InitError, "Runtime.InitError", "TABLE_NAME is not set"), (invocation.Status, invocation.ErrorType, invocation.ErrorMessage));
            Assert.True(invocation.ColdStart);
        });
        Assert.Contains("init error", Assert.Throws<LambdaRustException>(() => report.EnsureSucceeded()).Problem);
    }

    [Theory]
    [InlineData("arm64")]
    [InlineData("x86_64")]
    public async Task Crash_mid_invocation_is_reported_with_its_exit_status_and_the_next_event_gets_a_fresh_bootstrap(string architecture)
    {
        var report = await InvokeAsync("crashes", architecture, s => s.AddEvents("""{"crash":"exit"}""", "{}"));

        var (crash, next) = (report.Invocations[0], report.Invocations[1]);
        Assert.Equal((InvocationStatus.Crashed, "Runtime.ExitError", 3), (crash.Status, crash.ErrorType, crash.ExitCode));
        Assert.Contains("Runtime exited with error: exit status 3", crash.ErrorMessage);
        Assert.Contains(crash.Output, line => line.Contains("exiting with code 3 mid-invocation"));
        Assert.Equal((InvocationStatus.Succeeded, true), (next.Status, next.ColdStart));
    }

    [Theory]
    [InlineData("arm64")]
    [InlineData("x86_64")]
    public async Task Abort_mid_invocation_is_a_crash_by_signal(string architecture)
    {
        var report = await InvokeAsync("crashes", architecture, s => s.AddEvents("""{"crash":"abort"}"""));

        var crash = Assert.Single(report.Invocations);
        Assert.Equal((InvocationStatus.Crashed, 128 + 6), (crash.Status, crash.ExitCode));
        Assert.Contains("(signal 6)", crash.ErrorMessage);
    }

    [Theory]
    [InlineData("arm64")]
    [InlineData("x86_64")]
    public async Task Timeout_kills_the_bootstrap_and_leaves_no_process_running(string architecture)
    {
        var report = await InvokeAsync("sleeps", architecture, s => s.AddEvents("{}").SetTimeout(TimeSpan.FromSeconds(5)));

        var invocation = Assert.Single(report.Invocations);
        Assert.Equal((InvocationStatus.TimedOut, "Sandbox.Timedout"), (invocation.Status, invocation.ErrorType));
        Assert.Contains("Task timed out after 5.00 seconds (the function fetched the event but did not answer)", invocation.ErrorMessage);
        var pid = int.Parse(Regex.Match(string.Join("\n", invocation.Output), @"sleeps: pid (\d+)").Groups[1].Value);
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));
    }

    [Theory]
    [InlineData("arm64")]
    [InlineData("x86_64")]
    public async Task Cancelling_kills_the_bootstrap_and_deletes_the_task_root(string architecture)
    {
        using var cancel = new CancellationTokenSource();
        var log = new CancellingLogger(_log, "sleeps: pid", cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LambdaRustTasks.InvokeAsync(
            s => s.SetPackage(fixtures.Package("sleeps", architecture)).AddEvents("{}").SetLogger(log), cancel.Token));

        output.WriteLine(_log.Text);
        var pid = int.Parse(Regex.Match(_log.Text, @"sleeps: pid (\d+)").Groups[1].Value);
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));
        var taskRoot = Regex.Match(_log.Text, @"(/\S+/task)/bootstrap").Groups[1].Value;
        Assert.StartsWith(Path.GetTempPath(), taskRoot);
        Assert.False(Directory.Exists(taskRoot), $"{taskRoot} is deleted");
    }

    [Theory]
    [InlineData("arm64")]
    [InlineData("x86_64")]
    public async Task Bootstrap_runs_in_exactly_the_environment_Lambda_defines_in_its_task_root(string architecture)
    {
        Environment.SetEnvironmentVariable("NUKE_LAMBDARUST_TEST_LEAK", "from the test process");
        var report = await InvokeAsync("environment", architecture, s => s
            .AddEvents("{}").SetMemorySize(512).SetRegion("eu-central-1").SetEnvironmentVariable("TABLE_NAME", "orders"));

        using var response = JsonDocument.Parse(Assert.Single(report.Invocations).Body);
        var variables = response.RootElement.GetProperty("variables").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var taskRoot = response.RootElement.GetProperty("cwd").GetString()!;
        string[] expected =
        [
            "AWS_DEFAULT_REGION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_LAMBDA_RUNTIME_API",
            "AWS_REGION", "LAMBDA_RUNTIME_DIR", "LAMBDA_TASK_ROOT", "LANG", "LD_LIBRARY_PATH", "PATH", "TABLE_NAME", "TZ",
            "_HANDLER", "_X_AMZN_TRACE_ID", // the last one set by lambda-lite from Lambda-Runtime-Trace-Id
            .. new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN" }.Where(v => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v))),
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), variables.Keys.Order(StringComparer.Ordinal));
        Assert.Matches(@"^127\.0\.0\.1:\d+$", variables["AWS_LAMBDA_RUNTIME_API"]);
        Assert.Equal(("environment", "$LATEST", "512", "on-demand"), (variables["AWS_LAMBDA_FUNCTION_NAME"], variables["AWS_LAMBDA_FUNCTION_VERSION"], variables["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"], variables["AWS_LAMBDA_INITIALIZATION_TYPE"]));
        Assert.Equal(("eu-central-1", "eu-central-1"), (variables["AWS_REGION"], variables["AWS_DEFAULT_REGION"]));
        Assert.Equal("/aws/lambda/environment", variables["AWS_LAMBDA_LOG_GROUP_NAME"]);
        Assert.Matches(@"^\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32}$", variables["AWS_LAMBDA_LOG_STREAM_NAME"]);
        Assert.Equal((taskRoot, "bootstrap", ":UTC", "en_US.UTF-8", "orders"), (variables["LAMBDA_TASK_ROOT"], variables["_HANDLER"], variables["TZ"], variables["LANG"], variables["TABLE_NAME"]));
        Assert.Equal("/usr/local/bin:/usr/bin/:/bin:/opt/bin", variables["PATH"]);
        var runtimeDirectory = variables["LAMBDA_RUNTIME_DIR"];
        Assert.Equal($"/lib64:/usr/lib64:{runtimeDirectory}:{runtimeDirectory}/lib:{taskRoot}:{taskRoot}/lib:/opt/lib", variables["LD_LIBRARY_PATH"]);
        Assert.Equal(["bootstrap"], response.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        Assert.False(Directory.Exists(taskRoot), "the temporary task root is deleted after the invocation");
    }

    [Fact]
    public async Task Function_output_is_streamed_to_the_log_and_kept_with_its_invocation()
    {
        var report = await InvokeAsync("counter", "x86_64", s => s.AddEvents("{}", "{}"));

        Assert.Contains("counter | counter: event 1", _log.Text);
        Assert.Contains("counter | counter: event 2", _log.Text);
        Assert.Equal(["counter: event 2"], report.Invocations[1].Output);
        Assert.Contains("counter (x86_64) event 2/2 (event 2): response", _log.Text);
    }

    [Fact]
    public async Task Bare_bootstrap_is_invoked_like_a_zip()
    {
        var zip = fixtures.Package("counter", "x86_64");

        var report = await LambdaRustTasks.InvokeAsync(s => s.SetPackagePath(zip.Binary.Path).AddEvents("{}").SetLogger(_log));

        Assert.Equal(("counter", LambdaArchitecture.X86_64, true), (report.FunctionName, report.Architecture, report.Succeeded));
    }

    private async Task<InvokeReport> InvokeAsync(string function, string architecture, Func<InvokeSettings, InvokeSettings> configure)
    {
        var package = fixtures.Package(function, architecture);
        try
        {
            return await LambdaRustTasks.InvokeAsync(s => configure(s.SetPackage(package).SetLogger(_log)));
        }
        finally
        {
            output.WriteLine(_log.Text);
        }
    }

    /// <summary>Passes lines on, and cancels once a line contains <paramref name="trigger"/>.</summary>
    private sealed class CancellingLogger(RecordingLogger inner, string trigger, CancellationTokenSource cancel) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
            if (formatter(state, exception).Contains(trigger, StringComparison.Ordinal))
                cancel.Cancel();
        }
    }
}
