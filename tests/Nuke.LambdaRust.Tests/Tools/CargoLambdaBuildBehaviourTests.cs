using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Tests.Tools;

/// <summary>How a build behaves where cargo-lambda defines it, with real cargo and zig on a copy of the example.</summary>
public sealed class CargoLambdaBuildBehaviourTests : IDisposable
{
    private readonly BuildWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private static async Task<bool> HasSectionAsync(string binary, string section) =>
        (await TestTools.RunAsync("readelf", "-S", "-W", binary)).Any(line => line.Contains($" {section} "));

    private void AppendToRootManifest(string toml) =>
        File.AppendAllText(_workspace.Manifest, Environment.NewLine + toml.ReplaceLineEndings("\n") + "\n");

    /// <summary>The example's root manifest has an empty [profile.release]; this fills it.</summary>
    private void SetReleaseProfile(string keys) =>
        File.WriteAllText(_workspace.Manifest, File.ReadAllText(_workspace.Manifest).Replace("[profile.release]", "[profile.release]\n" + keys));

    private string CargoCommandLine() =>
        Assert.Single(_workspace.Logger.Entries.Select(e => e.Message), line => line.StartsWith("> ", StringComparison.Ordinal) && line.Contains(" build "));

    [Fact]
    public async Task A_release_build_strips_symbols_by_default()
    {
        var binary = Assert.Single(await LambdaRustTasks.ZigBuildAsync(s => _workspace.Configure(s, "strip")
            .SetArchitecture(LambdaArchitecture.X86_64).SetFunctions("echo").EnableRelease()));

        Assert.False(await HasSectionAsync(binary.Path, ".symtab"));
        Assert.Contains("profile.release.strip", CargoCommandLine());
    }

    [Fact]
    public async Task A_release_profile_with_debug_info_keeps_its_symbols()
    {
        SetReleaseProfile("debug = true");

        var binary = Assert.Single(await LambdaRustTasks.ZigBuildAsync(s => _workspace.Configure(s, "debug")
            .SetArchitecture(LambdaArchitecture.X86_64).SetFunctions("echo").EnableRelease()));

        Assert.True(await HasSectionAsync(binary.Path, ".debug_info"));
        Assert.DoesNotContain("profile.release.strip", CargoCommandLine());
        Assert.Contains("profile.release.lto", CargoCommandLine()); // the other optimizations still apply
    }

    [Fact]
    public async Task Disable_optimizations_in_the_config_builds_release_as_the_project_defines_it()
    {
        AppendToRootManifest("""
            [workspace.metadata.lambda.build]
            disable_optimizations = true
            """);

        var binary = Assert.Single(await LambdaRustTasks.ZigBuildAsync(s => _workspace.Configure(s, "plain-release")
            .SetArchitecture(LambdaArchitecture.X86_64).SetFunctions("echo").EnableRelease()));

        Assert.Contains("--release", CargoCommandLine());
        Assert.DoesNotContain("--config", CargoCommandLine());
        Assert.True(File.Exists(binary.Path));
    }

    [Fact]
    public async Task Cargo_options_in_the_config_reach_cargo()
    {
        AppendToRootManifest("""
            [workspace.metadata.lambda.build]
            locked = true
            jobs = 1
            """);

        await LambdaRustTasks.ZigBuildAsync(s => _workspace.Configure(s, "options").SetArchitecture(LambdaArchitecture.X86_64).SetFunctions("echo"));

        var command = CargoCommandLine();
        Assert.Contains(" --locked", command);
        Assert.Contains(" --jobs 1", command);
    }
}
