using System.Runtime.Versioning;
using System.Text.Json;
using Nuke.LambdaRust.Host;
using Nuke.LambdaRust.Release;
using Nuke.LambdaRust.Tests.Release;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Host;

/// <summary>
/// The Release and Matrix targets in our host (<c>./build.sh Matrix --changed-since REF</c>, <c>Release --plan</c>,
/// <c>Release --merge DIR...</c>) on a git repository of the Release fixture, with real git, cargo and zig.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ReleaseTargetTests : IDisposable
{
    private const string ManifestPath = "tests/fixtures/release-monorepo/Cargo.toml";
    private readonly Monorepo _repository = new();

    public void Dispose() => _repository.Dispose();

    [Fact]
    public async Task Matrix_gives_GitHub_Actions_a_job_per_changed_function_and_architecture()
    {
        _repository.Touch("functions/users/src/bin/users-get.rs");
        _repository.Commit("users: a change");
        var stepOutput = Path.Combine(_repository.Root, "github-output");

        var (exitCode, output) = await RunAsync(new() { ["GITHUB_OUTPUT"] = stepOutput }, "Matrix", "--changed-since", "HEAD~1");

        Assert.True(exitCode == 0, output);
        var lines = File.ReadAllLines(stepOutput);
        Assert.Equal("count=4", lines[1]);
        using var matrix = JsonDocument.Parse(lines[0]["matrix=".Length..]);
        Assert.Equal(
            ["users-get/users/arm64", "users-get/users/x86_64", "users-put/users/arm64", "users-put/users/x86_64"],
            matrix.RootElement.GetProperty("include").EnumerateArray()
                .Select(e => $"{e.GetProperty("function").GetString()}/{e.GetProperty("package").GetString()}/{e.GetProperty("arch").GetString()}"));
        Assert.Contains(lines[0]["matrix=".Length..], output); // printed as well
    }

    [Fact]
    public async Task Matrix_without_changed_since_lists_every_function_for_the_architectures_asked_for()
    {
        var (exitCode, output) = await RunAsync([], "Matrix", "--arch", "arm64");

        Assert.True(exitCode == 0, output);
        var json = output.Split('\n').Select(l => l.Trim()).Select(l => l[(l.IndexOf('{') is var i and >= 0 ? i : 0)..]).First(l => l.StartsWith("{\"include\"", StringComparison.Ordinal));
        using var matrix = JsonDocument.Parse(json);
        Assert.Equal(["orders-create", "orders-list", "ping", "users-get", "users-put"],
            matrix.RootElement.GetProperty("include").EnumerateArray().Select(e => e.GetProperty("function").GetString()));
        Assert.All(matrix.RootElement.GetProperty("include").EnumerateArray(), e => Assert.Equal("arm64", e.GetProperty("arch").GetString()));
    }

    [Fact]
    public async Task Plan_says_why_each_function_is_in_or_out_of_the_release_and_runs_nothing()
    {
        _repository.Touch("crates/shared/src/lib.rs");
        _repository.Commit("shared: a change");

        var (exitCode, output) = await RunAsync([], "Release", "--changed-since", "HEAD~1", "--plan");

        Assert.True(exitCode == 0, output);
        Assert.Contains("orders-create: in (its path dependency shared changed: crates/shared/src/lib.rs)", output);
        Assert.Contains("users-put: in (its path dependency shared changed: crates/shared/src/lib.rs)", output);
        Assert.Contains("ping: out (nothing changed in ping, its 1 path dependency, the Cargo.lock entries it uses or the workspace config)", output);
        Assert.Contains("Nothing was run (--plan).", output);
        Assert.False(Directory.Exists(Path.Combine(_repository.Root, "artifacts")));
    }

    [Fact]
    public async Task Plan_with_a_ref_that_does_not_exist_fails_naming_it()
    {
        var (exitCode, output) = await RunAsync([], "Matrix", "--changed-since", "v9.9.9", "--plan");

        Assert.Equal(1, exitCode);
        Assert.Contains("--changed-since names 'v9.9.9', which is not a commit", output);
    }

    [Fact]
    public async Task Release_jobs_per_architecture_merge_into_one_release()
    {
        var (armExit, armOutput) = await RunAsync([], "Release", "--function", "ping", "--arch", "arm64", "--output", "parts/ping-arm64", "--disable-optimizations");
        Assert.True(armExit == 0, armOutput);
        var (x86Exit, x86Output) = await RunAsync([], "Release", "--function", "ping", "--arch", "x86_64", "--output", "parts/ping-x86_64", "--disable-optimizations");
        Assert.True(x86Exit == 0, x86Output);
        Assert.Contains("1 artifacts in", x86Output);

        var (exitCode, output) = await RunAsync([], "Release", "--merge", "parts/ping-arm64", "parts/ping-x86_64", "--output", "artifacts/release");

        Assert.True(exitCode == 0, output);
        var manifest = ReleaseManifest.Read(Path.Combine(_repository.Root, "artifacts", "release", "manifest.json"));
        Assert.Equal(["ping/arm64", "ping/x86_64"], manifest.Sorted.Select(a => a.Key));
        Assert.Equal(["arm64", "x86_64"], manifest.Release.Rustc.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            manifest.Sorted.Select(a => $"{a.Sha256}  {a.Zip}\n"),
            File.ReadAllText(Path.Combine(_repository.Root, "artifacts", "release", "SHA256SUMS")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l + "\n"));
    }

    private async Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string> environment, params string[] args)
    {
        var output = new StringWriter();
        var exitCode = await BuildHost.RunAsync(LambdaTargets.AddTo(new TargetGraph()),
            [.. args, "--manifest-path", ManifestPath, "--target-dir", _repository.TargetDirectory, "--zig-path", TestTools.Zig()], new BuildHostOptions
            {
                Output = output,
                RootDirectory = _repository.Root,
                WorkingDirectory = _repository.Root,
                Environment = environment,
            });
        return (exitCode, output.ToString());
    }
}
