using System.Runtime.Versioning;
using Nuke.LambdaRust.Host;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Host;

/// <summary>
/// The Invoke target in our host (<c>./build.sh Invoke --function F --arch A --data JSON</c>), on a copy of the Invoke
/// fixture functions with real cargo, zig and qemu. Each test has its own copy.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class InvokeTargetTests : IDisposable
{
    private readonly TestDirectory _root = new();
    private readonly string _fixtures;

    public InvokeTargetTests()
    {
        _fixtures = Path.GetDirectoryName(ExampleWorkspace.CopyInvokeFixturesTo(_root.Path))!;
        _root.Write(".nuke/parameters.json", """{ "ManifestPath": "tests/fixtures/invoke-functions/Cargo.toml" }""");
    }

    public void Dispose() => _root.Dispose();

    private string Target => Path.Combine(_fixtures, "target");

    [Fact]
    public async Task Invoke_builds_packages_and_sends_each_event_in_order_to_the_arm64_function_under_qemu()
    {
        var (exitCode, output) = await RunAsync("Invoke", "--function", "counter", "--arch", "arm64", "--data", """{"name":"Ada"}""", """{"name":"Bob"}""");

        Assert.True(exitCode == 0, output);
        Assert.Contains("qemu-aarch64", output);
        Assert.Contains("counter (arm64) event 1/2 (--data #1): response", output);
        Assert.Contains("\"count\":2", output);
        Assert.Contains("\"event\":{\"name\":\"Bob\"}", output);
        Assert.Contains("2 events: 2 responses (arm64)", output);
        Assert.True(File.Exists(Path.Combine(Target, "lambda", "counter", "bootstrap.zip"))); // one architecture: where cargo-lambda writes
    }

    [Fact]
    public async Task Event_files_and_env_reach_the_x86_64_function()
    {
        var eventFile = _root.Write("events/order.json", """{ "order": 7 }""");

        var (exitCode, output) = await RunAsync("Invoke", "--function", "environment", "--arch", "x86_64",
            "--event", "events/order.json", "--env", "TABLE_NAME=orders", "LOG_LEVEL=debug");

        Assert.True(exitCode == 0, output);
        Assert.Contains($"event 1/1 ({eventFile}): response", output);
        Assert.Contains("\"TABLE_NAME\":\"orders\"", output);
        Assert.Contains("\"LOG_LEVEL\":\"debug\"", output);
    }

    [Fact]
    public async Task Function_error_fails_the_build_naming_the_event_and_the_error()
    {
        var (exitCode, output) = await RunAsync("Invoke", "--function", "fails", "--arch", "x86_64", "--data", "{}");

        Assert.Equal(1, exitCode);
        Assert.Contains("fails (x86_64) failed 1 of 1 invocations", output);
        Assert.Contains("--data #1: function error HandlerError: the order does not exist", output);
    }

    [Fact]
    public async Task Timeout_parameter_kills_a_hanging_function_and_fails_the_build()
    {
        var (exitCode, output) = await RunAsync("Invoke", "--function", "sleeps", "--arch", "x86_64", "--timeout", "3");

        Assert.Equal(1, exitCode);
        Assert.Contains("Task timed out after 3.00 seconds", output);
        Assert.Contains("raise --timeout", output);
    }

    [Fact]
    public async Task Invoke_with_Package_skipped_uses_the_zip_an_earlier_run_wrote()
    {
        Assert.Equal(0, (await RunAsync("Package", "--function", "counter", "--arch", "x86_64")).ExitCode);

        var (exitCode, output) = await RunAsync("Invoke", "--skip", "--function", "counter", "--arch", "x86_64", "--data", "{}");

        Assert.True(exitCode == 0, output);
        Assert.Contains("Package did not run in this build: invoking", output);
        Assert.Contains("1 event: 1 response (x86_64)", output);
    }

    [Fact]
    public async Task Architecture_that_was_not_packaged_is_refused_before_anything_runs()
    {
        var (exitCode, output) = await RunAsync("Invoke", "--skip", "--function", "counter", "--arch", "arm64");

        Assert.Equal(1, exitCode);
        Assert.Contains("counter was not packaged for arm64", output);
        Assert.Contains("./build.sh Package --function counter --arch arm64", output);
    }

    [Fact]
    public async Task Unknown_function_is_refused_before_compiling()
    {
        var (exitCode, output) = await RunAsync("Invoke", "--function", "countr", "--arch", "x86_64");

        Assert.Equal(1, exitCode);
        Assert.Contains("countr", output);
        Assert.Contains("counter", output);
        Assert.False(Directory.Exists(Target), "nothing was compiled");
    }

    [Fact]
    public async Task Several_selected_functions_are_refused_before_compiling()
    {
        var (exitCode, output) = await RunAsync("Invoke", "--arch", "x86_64");

        Assert.Equal(1, exitCode);
        Assert.Contains("Invoke runs one function, but 6 are selected", output);
        Assert.Contains("--function", output);
        Assert.False(Directory.Exists(Target), "nothing was compiled");
    }

    [Fact]
    public async Task Missing_event_file_is_refused_before_compiling()
    {
        var (exitCode, output) = await RunAsync("Invoke", "--function", "counter", "--arch", "x86_64", "--event", "events/missing.json");

        Assert.Equal(1, exitCode);
        Assert.Contains($"The event file '{_root["events/missing.json"]}' does not exist", output);
        Assert.False(Directory.Exists(Target), "nothing was compiled");
    }

    [Fact]
    public async Task Invalid_JSON_in_data_is_refused_before_anything_runs()
    {
        var (exitCode, output) = await RunAsync("Invoke", "--function", "counter", "--arch", "x86_64", "--data", "{}", "{name: Ada}");

        Assert.Equal(1, exitCode);
        Assert.Contains("--data #2 is not valid JSON: line 1, column 2", output);
        Assert.False(Directory.Exists(Target), "nothing was compiled");
    }

    [Theory]
    [InlineData("AWS_REGION=eu-west-1", "is reserved by Lambda")]
    [InlineData("TABLE_NAME", "it must be NAME=VALUE")]
    public async Task Env_that_Lambda_would_refuse_is_refused_before_anything_runs(string value, string message)
    {
        var (exitCode, output) = await RunAsync("Invoke", "--function", "counter", "--arch", "x86_64", "--env", value);

        Assert.Equal(1, exitCode);
        Assert.Contains(message, output);
        Assert.False(Directory.Exists(Target), "nothing was compiled");
    }

    [Fact]
    public async Task Plan_orders_Invoke_after_Package()
    {
        var (exitCode, output) = await RunAsync("Invoke", "--plan", "--function", "counter");

        Assert.Equal(0, exitCode);
        var package = output.IndexOf("Package", StringComparison.Ordinal);
        Assert.True(package >= 0 && output.IndexOf("Invoke", package, StringComparison.Ordinal) > package, output);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var exitCode = await BuildHost.RunAsync(LambdaTargets.AddTo(new TargetGraph()), [.. args, "--zig-path", TestTools.Zig()], new BuildHostOptions
        {
            Output = output,
            RootDirectory = _root.Path,
            WorkingDirectory = _root.Path,
            Environment = new Dictionary<string, string>(),
        });
        return (exitCode, output.ToString());
    }
}
