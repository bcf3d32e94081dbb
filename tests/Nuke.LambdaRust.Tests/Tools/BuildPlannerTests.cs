using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Tests.Tools;

public class BuildPlannerTests
{
    private static readonly LambdaFunction Hello = new("hello", "greeter", "/ws/greeter/Cargo.toml");
    private static readonly LambdaFunction Echo = new("echo", "echo", "/ws/echo/Cargo.toml");

    [Fact]
    public void A_uniform_workspace_builds_in_one_group_per_architecture()
    {
        var settings = new ZigBuildSettings().SetArchitectures(LambdaArchitecture.Arm64, LambdaArchitecture.X86_64);

        var groups = BuildPlanner.Plan(settings, [(Hello, new LambdaBuildConfig()), (Echo, new LambdaBuildConfig())]);

        Assert.Equal(2, groups.Count);
        Assert.All(groups, g => Assert.Equal(2, g.Functions.Count));
        Assert.Equal([LambdaArchitecture.Arm64, LambdaArchitecture.X86_64], groups.Select(g => g.Architecture));
    }

    [Fact]
    public void Per_package_config_is_kept_by_building_differing_packages_separately()
    {
        var groups = BuildPlanner.Plan(new ZigBuildSettings().SetArchitecture(LambdaArchitecture.Arm64),
            [(Hello, new LambdaBuildConfig { Features = ["loud"] }), (Echo, new LambdaBuildConfig())]);

        Assert.Equal(2, groups.Count);
        Assert.Equal(["loud"], groups.Single(g => g.Functions[0].Function == Hello).Features);
        Assert.Empty(groups.Single(g => g.Functions[0].Function == Echo).Features);
    }

    [Fact]
    public void Config_architectures_and_glibc_target_apply_when_code_sets_none()
    {
        var config = new LambdaBuildConfig { Arm64 = true, Target = "aarch64-unknown-linux-gnu.2.17" };

        var group = Assert.Single(BuildPlanner.Plan(new ZigBuildSettings(), [(Hello, config)]));

        Assert.Equal(LambdaArchitecture.Arm64, group.Architecture);
        Assert.Equal("aarch64-linux-gnu.2.17", group.Target.ZigTarget);
    }

    [Fact]
    public void Code_settings_win_over_config()
    {
        var config = new LambdaBuildConfig { Arm64 = true, Release = true, Features = ["a"] };
        var settings = new ZigBuildSettings().SetArchitecture(LambdaArchitecture.X86_64).DisableRelease().SetFeatures("b")
            .SetRuntime(LambdaRuntime.ProvidedAl2);

        var group = Assert.Single(BuildPlanner.Plan(settings, [(Hello, config)]));

        Assert.Equal(LambdaArchitecture.X86_64, group.Architecture);
        Assert.Equal("dev", group.Profile);
        Assert.Equal(["b"], group.Features);
        Assert.Equal(new Version(2, 26), group.Target.Glibc);
    }

    [Fact]
    public void Profile_precedence_is_code_profile_code_release_config_profile_config_release()
    {
        Assert.Equal("lambda", BuildPlanner.ResolveProfile(new ZigBuildSettings().SetProfile("lambda").EnableRelease(), new LambdaBuildConfig()));
        Assert.Equal("release", BuildPlanner.ResolveProfile(new ZigBuildSettings().EnableRelease(), new LambdaBuildConfig { Profile = "x" }));
        Assert.Equal("x", BuildPlanner.ResolveProfile(new ZigBuildSettings(), new LambdaBuildConfig { Profile = "x", Release = true }));
        Assert.Equal("release", BuildPlanner.ResolveProfile(new ZigBuildSettings(), new LambdaBuildConfig { Release = true }));
        Assert.Equal("dev", BuildPlanner.ResolveProfile(new ZigBuildSettings(), new LambdaBuildConfig()));
    }

    [Fact]
    public void An_explicit_runtime_beats_the_glibc_suffix_of_the_configs_target()
    {
        var config = new LambdaBuildConfig { Target = "aarch64-unknown-linux-gnu.2.34" };

        var group = Assert.Single(BuildPlanner.Plan(new ZigBuildSettings().SetRuntime(LambdaRuntime.ProvidedAl2), [(Hello, config)]));

        Assert.Equal("aarch64-unknown-linux-gnu.2.26", group.Target.TripleWithGlibc);
    }

    [Fact]
    public void Without_runtime_or_config_glibc_the_al2023_glibc_applies()
    {
        var group = Assert.Single(BuildPlanner.Plan(new ZigBuildSettings().SetArchitecture(LambdaArchitecture.X86_64), [(Hello, new LambdaBuildConfig())]));

        Assert.Equal(new Version(2, 34), group.Target.Glibc);
    }

    [Fact]
    public void Glibc_override_beats_the_runtime()
    {
        var settings = new ZigBuildSettings().SetArchitecture(LambdaArchitecture.Arm64).SetGlibc(new Version(2, 17));

        var group = Assert.Single(BuildPlanner.Plan(settings, [(Hello, new LambdaBuildConfig())]));

        Assert.Equal("aarch64-unknown-linux-gnu.2.17", group.Target.TripleWithGlibc);
    }
}
