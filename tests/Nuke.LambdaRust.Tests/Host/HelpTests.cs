using Nuke.LambdaRust.Host;
using Nuke.LambdaRust.Pipeline;

namespace Nuke.LambdaRust.Tests.Host;

public sealed class HelpTests
{
    [Fact]
    public async Task Help_lists_targets_with_descriptions_and_dependencies_and_hides_unlisted_ones()
    {
        using var run = BuildRun.Lambda();
        run.Target("Internal", t => t.Unlisted());
        run.Target("Lint", t => t.Description("Runs clippy").DependentFor("Compile"));
        run.DefaultTarget = "Package";

        var exitCode = await run.RunAsync("--help");

        Assert.Equal(BuildHost.Success, exitCode);
        Assert.Empty(run.Ran);
        var lines = run.Lines.ToList();
        var compile = lines.IndexOf("Compile Compiles the functions");
        Assert.True(compile >= 0, run.Output);
        Assert.Equal("-> Setup, Lint", lines[compile + 1]);
        Assert.Contains("Package (default) Zips the binaries", lines);
        Assert.Contains("Clean Deletes the build output", lines);
        Assert.DoesNotContain("Internal", run.Output);
    }

    [Fact]
    public async Task Help_lists_parameters_with_type_default_allowed_values_and_environment_variables()
    {
        using var run = BuildRun.Lambda();
        run.Graph.AddParameter(new ParameterDefinition("Arch", "Architectures to build")
        {
            IsList = true,
            AllowedValues = ["arm64", "x86_64"],
            Default = new[] { "arm64" },
        });
        run.Graph.AddParameter(new ParameterDefinition("ManifestPath", "Path to Cargo.toml") { Default = "Cargo.toml" });
        run.Graph.AddParameter(new ParameterDefinition("Release") { Type = ParameterType.Boolean });

        await run.RunAsync("--help");

        var lines = run.Lines;
        Assert.Contains("--arch <arm64|x86_64> ...", lines);
        Assert.Contains("Architectures to build", lines);
        Assert.Contains("type: list of choice; allowed: arm64, x86_64; default: arm64; env: Arch, ARCH, NUKE_ARCH", lines);
        Assert.Contains("--manifest-path <string>", lines);
        Assert.Contains("type: string; default: Cargo.toml; env: ManifestPath, MANIFEST_PATH, NUKE_MANIFEST_PATH", lines);
        Assert.Contains("--release [<true|false>]", lines);
        Assert.Contains("type: bool; default: false; env: Release, RELEASE, NUKE_RELEASE", lines);
    }

    [Fact]
    public async Task Help_never_prints_a_secret_parameters_default()
    {
        using var run = BuildRun.Lambda();
        run.Graph.AddParameter(new ParameterDefinition("ApiToken") { IsSecret = true, Default = "s3cr3t-default" });

        await run.RunAsync("Package", "--help");

        Assert.Contains("type: string; secret; env: ApiToken, API_TOKEN, NUKE_API_TOKEN", run.Lines);
        Assert.DoesNotContain("s3cr3t-default", run.Output);
        Assert.Empty(run.Ran);
    }

    [Fact]
    public async Task Help_lists_the_host_options()
    {
        using var run = BuildRun.Lambda();

        await run.RunAsync("-h");

        foreach (var option in new[] { "--skip [<target> ...]", "--plan", "--continue", "--root <directory>", "--verbosity <quiet|minimal|normal|verbose>", "--help" })
            Assert.Contains(option, run.Lines);
    }
}
