using System.IO.Compression;
using System.Runtime.Versioning;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Runtime;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Runtime;

/// <summary>Bad inputs to LambdaRustTasks.Invoke: each is a clear error before any bootstrap starts.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class InvokeErrorTests : IDisposable
{
    private readonly TestDirectory _scratch = new();

    private static LambdaArchitecture Host =>
        LambdaArchitectures.Host ?? throw new InvalidOperationException("These tests need an arm64 or x86_64 machine.");

    private static LambdaArchitecture Foreign => Host == LambdaArchitecture.X86_64 ? LambdaArchitecture.Arm64 : LambdaArchitecture.X86_64;

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Missing_package_is_named_with_how_to_make_it()
    {
        var missing = _scratch.Combine("lambda", "arm64", "hello", "bootstrap.zip");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => LambdaRustTasks.InvokeAsync(s => s.SetPackagePath(missing).AddEvents("{}")));

        Assert.Contains($"The package '{missing}' does not exist", error.Problem);
        Assert.Contains("Package the function first", error.Fix);
    }

    [Fact]
    public async Task Package_without_events_is_refused()
    {
        var zip = Zip("bootstrap.zip", ("bootstrap", File.ReadAllBytes(TestTools.Existing("/bin/true", "It is part of coreutils.")), 0b111_101_101));

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => LambdaRustTasks.InvokeAsync(s => s.SetPackagePath(zip)));

        Assert.Contains("no events were given", error.Problem);
    }

    [Fact]
    public async Task Architecture_the_package_was_not_built_for_is_refused_naming_both()
    {
        var zip = Zip("hello/bootstrap.zip", ("bootstrap", File.ReadAllBytes(TestTools.Existing("/bin/true", "It is part of coreutils.")), 0b111_101_101));

        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            LambdaRustTasks.InvokeAsync(s => s.SetPackagePath(zip).SetArchitecture(Foreign).AddEvents("{}")));

        Assert.Contains($"holds a {Host.ToLambdaName()} bootstrap, not {Foreign.ToLambdaName()}", error.Problem);
        Assert.Contains($"--arch {Foreign.ToLambdaName()}", error.Fix);
    }

    [Fact]
    public async Task Extension_package_is_refused_as_not_a_function()
    {
        var zip = Zip("extensions/telemetry.zip", ("extensions/telemetry", [0x7f, (byte)'E', (byte)'L', (byte)'F'], 0b111_101_101));

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => LambdaRustTasks.InvokeAsync(s => s.SetPackagePath(zip).AddEvents("{}")));

        Assert.Contains("has no 'bootstrap' at its root; it holds a Lambda extension", error.Problem);
    }

    [Fact]
    public async Task Zip_entry_reaching_outside_the_task_root_is_refused()
    {
        var zip = Zip("evil.zip", ("../../escaped", "x"u8.ToArray(), 0b110_100_100), ("bootstrap", "#!/bin/sh\n"u8.ToArray(), 0b111_101_101));

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => LambdaRustTasks.InvokeAsync(s => s.SetPackagePath(zip).AddEvents("{}")));

        Assert.Contains("'../../escaped' that points outside", error.Problem);
    }

    [Theory]
    [InlineData("AWS_REGION")]
    [InlineData("AWS_LAMBDA_RUNTIME_API")]
    [InlineData("_HANDLER")]
    public async Task Reserved_environment_variable_is_refused_as_Lambda_refuses_it(string name)
    {
        var zip = Zip("bootstrap.zip", ("bootstrap", "#!/bin/sh\n"u8.ToArray(), 0b111_101_101));

        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            LambdaRustTasks.InvokeAsync(s => s.SetPackagePath(zip).AddEvents("{}").SetEnvironmentVariable(name, "x")));

        Assert.Contains($"The environment variable {name} (InvokeSettings.Environment) is reserved by Lambda", error.Problem);
    }

    [Fact]
    public async Task Bootstrap_that_exits_during_init_is_a_crash_with_its_exit_code_and_output()
    {
        var zip = Zip("bootstrap.zip", ("bootstrap", "#!/bin/sh\necho 'cannot read config' >&2\nexit 7\n"u8.ToArray(), 0b111_101_101));

        var report = await LambdaRustTasks.InvokeAsync(s => s.SetPackagePath(zip).AddEvents("{}"));

        var crash = Assert.Single(report.Invocations);
        Assert.Equal((InvocationStatus.Crashed, 7), (crash.Status, crash.ExitCode));
        Assert.Equal(["cannot read config"], crash.Output);
    }

    [Fact]
    public async Task Bootstrap_without_execute_permission_cannot_start_and_says_chmod()
    {
        var zip = Zip("bootstrap.zip", ("bootstrap", "#!/bin/sh\n"u8.ToArray(), 0b110_100_100));

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => LambdaRustTasks.InvokeAsync(s => s.SetPackagePath(zip).AddEvents("{}")));

        Assert.Contains("Could not start", error.Problem);
        Assert.Contains("chmod 755", error.Fix);
    }

    [Fact]
    public void Missing_event_file_is_named()
    {
        var missing = _scratch["events/order.json"];

        var error = Assert.Throws<LambdaRustException>(() => new InvokeSettings().AddEventFiles(missing));

        Assert.Contains($"The event file '{missing}' does not exist", error.Problem);
    }

    [Fact]
    public void Event_file_with_invalid_JSON_is_named_with_line_and_column()
    {
        var file = _scratch.Write("order.json", "{\n  \"id\": 7,\n  \"items\": [1, 2,]\n}\n");

        var error = Assert.Throws<LambdaRustException>(() => InvokeEvent.FromFile(file));

        Assert.Contains($"The event file '{file}' is not valid JSON: line 3", error.Problem);
    }

    [Theory]
    [InlineData("{name: Ada}")]
    [InlineData("")]
    [InlineData("{\"a\":1} {\"b\":2}")]
    public void Event_text_that_is_not_one_JSON_document_is_refused_showing_it(string text)
    {
        var error = Assert.Throws<LambdaRustException>(() => InvokeEvent.FromJson(text, "--data #2"));

        Assert.StartsWith("--data #2 is not valid JSON: line 1", error.Problem);
        Assert.Contains($"The text was: '{text}'", error.Problem);
    }

    /// <summary>A zip with the given entries and Unix modes, at <paramref name="relative"/> in the scratch folder.</summary>
    private string Zip(string relative, params (string Name, byte[] Content, int Mode)[] entries)
    {
        var path = _scratch[relative];
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var (name, content, mode) in entries)
            {
                var entry = archive.CreateEntry(name);
                entry.ExternalAttributes = (0x8000 | mode) << 16;
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        return path;
    }
}
