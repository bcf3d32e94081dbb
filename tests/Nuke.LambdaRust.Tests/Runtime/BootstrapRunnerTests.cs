using System.Diagnostics;
using System.Runtime.Versioning;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Runtime;
using Nuke.LambdaRust.Tests.Support;
using Xunit.Abstractions;

namespace Nuke.LambdaRust.Tests.Runtime;

/// <summary>Real bootstraps (the example workspace's functions, /bin/false, a shell script) run against the local Runtime API.</summary>
[UnsupportedOSPlatform("windows")] // Lambda bootstraps are Linux executables
public sealed class BootstrapRunnerTests : IClassFixture<ExampleWorkspaceFixture>, IDisposable
{
    private readonly ExampleWorkspaceFixture _workspace;
    private readonly ITestOutputHelper _output;
    private readonly TestOutputLogger _logger;
    private readonly TestDirectory _scratch = new();

    public BootstrapRunnerTests(ExampleWorkspaceFixture workspace, ITestOutputHelper output)
    {
        _workspace = workspace;
        _output = output;
        _logger = new TestOutputLogger(output);
    }

    private static LambdaArchitecture Host =>
        LambdaArchitectures.Host ?? throw new InvalidOperationException("These tests need an arm64 or x86_64 machine.");

    private static LambdaArchitecture Foreign => Host == LambdaArchitecture.X86_64 ? LambdaArchitecture.Arm64 : LambdaArchitecture.X86_64;

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Hello_answers_with_a_greeting_for_the_name_in_the_event()
    {
        var hello = await _workspace.NativeBinaryAsync("hello");
        _output.WriteLine($"native build of the example workspace: {(await _workspace.NativeBuildDuration).TotalSeconds:0.0} s");

        var result = await BootstrapRunner.InvokeAsync(hello, Host, """{"name":"Ada"}""", _logger);

        Assert.True(result.Outcome.Succeeded);
        Assert.Equal("""{"message":"Hello, Ada!"}""", result.Outcome.Body);
    }

    [Fact]
    public async Task Echo_returns_the_event_unchanged()
    {
        var echo = await _workspace.NativeBinaryAsync("echo");
        const string evt = """{ "fail": false, "items": [1, {"fail": true}], "text": "a\"b" }""";

        var result = await BootstrapRunner.InvokeAsync(echo, Host, evt, _logger);

        Assert.Equal(new InvocationOutcome(true, evt, null, result.Outcome.RequestId), result.Outcome);
    }

    [Fact]
    public async Task Echo_asked_to_fail_ends_as_an_error_with_its_type_and_its_log_line()
    {
        var echo = await _workspace.NativeBinaryAsync("echo");

        var result = await BootstrapRunner.InvokeAsync(echo, Host, """{"fail":true}""", _logger);

        Assert.False(result.Outcome.Succeeded);
        Assert.Equal("HandlerError", result.Outcome.ErrorType);
        Assert.Contains("asked to fail", result.Outcome.Body);
        Assert.Contains(result.Output, line => line.Contains(result.Outcome.RequestId) && line.Contains("HandlerError"));
    }

    [Fact]
    public async Task Goodbye_built_for_arm64_answers_under_qemu()
    {
        var goodbye = await _workspace.Arm64BinaryAsync("goodbye");
        _output.WriteLine($"aarch64 build of the example workspace: {(await _workspace.Arm64BuildDuration).TotalSeconds:0.0} s");
        if (Host == LambdaArchitecture.X86_64)
            TestTools.Require("qemu-aarch64");

        var result = await BootstrapRunner.InvokeAsync(goodbye, LambdaArchitecture.Arm64, """{"name":"Grace"}""", _logger);

        Assert.Equal("""{"message":"Goodbye, Grace!"}""", result.Outcome.Body);
    }

    [Fact]
    public async Task Emulator_variable_pointing_nowhere_is_reported_with_the_package_to_install()
    {
        var bootstrap = CopyExecutable("/bin/false");
        var variable = Foreign == LambdaArchitecture.Arm64 ? "QEMU_AARCH64" : "QEMU_X86_64";
        var missing = _scratch["no-such-qemu"];
        string? Environment(string name) => name == variable ? missing : System.Environment.GetEnvironmentVariable(name);

        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            BootstrapRunner.InvokeAsync(bootstrap, Foreign, "{}", _logger, null, Environment, Host, CancellationToken.None));

        Assert.Contains($"{variable} is set to '{missing}', which does not exist", error.Problem);
        Assert.Contains("apt-get install qemu-user", error.Fix);
    }

    [Fact]
    public async Task Emulator_missing_from_PATH_is_reported_with_the_package_to_install()
    {
        var bootstrap = CopyExecutable("/bin/false");
        string? Environment(string name) => name == "PATH" ? _scratch.Path : null;

        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            BootstrapRunner.InvokeAsync(bootstrap, Foreign, "{}", _logger, null, Environment, Host, CancellationToken.None));

        Assert.Contains($"needs qemu-{Foreign.ToRustArch()}, which is not on PATH", error.Problem);
        Assert.Contains("apt-get install qemu-user", error.Fix);
    }

    [Fact]
    public async Task Bootstrap_that_exits_at_once_is_reported_with_its_exit_code()
    {
        var bootstrap = CopyExecutable("/bin/false");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => BootstrapRunner.InvokeAsync(bootstrap, Host, "{}", _logger));

        Assert.Contains($"'{bootstrap}' exited with code 1 before answering", error.Problem);
        Assert.Contains("It wrote no output.", error.Problem);
    }

    [Fact]
    public async Task Bootstrap_that_never_answers_times_out_shows_its_output_and_is_killed()
    {
        var pidFile = _scratch["pid"];
        var bootstrap = TestTools.WriteExecutable(_scratch["bootstrap"], $"#!/bin/sh\necho \"started as $$\"\necho $$ > '{pidFile}'\nexec sleep 600\n");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            BootstrapRunner.InvokeAsync(bootstrap, Host, "{}", _logger, TimeSpan.FromSeconds(3)));

        Assert.Contains("did not fetch the event", error.Problem);
        Assert.Contains("started as", error.Problem);
        var pid = int.Parse(File.ReadAllText(pidFile).Trim());
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));
    }

    [Fact]
    public async Task Missing_bootstrap_is_reported_with_its_path()
    {
        var path = _scratch.Combine("hello", "bootstrap");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => BootstrapRunner.InvokeAsync(path, Host, "{}", _logger));

        Assert.Contains($"'{path}' does not exist", error.Problem);
    }

    [Fact]
    public async Task Bootstrap_without_execute_permission_is_reported_with_the_chmod_fix()
    {
        var bootstrap = _scratch.Write("bootstrap", "#!/bin/sh\n");
        File.SetUnixFileMode(bootstrap, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => BootstrapRunner.InvokeAsync(bootstrap, Host, "{}", _logger));

        Assert.Contains("Could not start", error.Problem);
        Assert.Contains("chmod 755", error.Fix);
    }

    private string CopyExecutable(string source)
    {
        var bootstrap = _scratch["bootstrap"];
        File.Copy(TestTools.Existing(source, "It is part of coreutils."), bootstrap);
        File.SetUnixFileMode(bootstrap, (UnixFileMode)0b111_101_101);
        return bootstrap;
    }
}
