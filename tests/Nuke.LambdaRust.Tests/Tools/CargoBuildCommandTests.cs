using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Tests.Tools;

public class CargoBuildCommandTests
{
    private static readonly LambdaFunction Hello = new("hello", "greeter", "/ws/functions/greeter/Cargo.toml");
    private static readonly LambdaFunction Goodbye = new("goodbye", "greeter", "/ws/functions/greeter/Cargo.toml");
    private static readonly LambdaFunction Echo = new("echo", "echo", "/ws/functions/echo/Cargo.toml");

    private static BuildGroup Group(string profile = "dev", LambdaArchitecture architecture = LambdaArchitecture.Arm64, params string[] features) =>
        new(architecture, RustTarget.For(architecture, LambdaRuntime.ProvidedAl2), profile, features,
            new Dictionary<string, string>(), [(Hello, new LambdaBuildConfig()), (Goodbye, new LambdaBuildConfig()), (Echo, new LambdaBuildConfig())]);

    /// <summary>Renders <paramref name="group"/> with the cargo options the planner derives from <paramref name="settings"/> and <paramref name="lambdaConfig"/>.</summary>
    private static IReadOnlyList<string> Render(LambdaBuildSettings settings, BuildGroup group, IReadOnlyList<string>? config = null, string program = "cargo",
        LambdaBuildConfig? lambdaConfig = null, params string[] prefix) =>
        CargoBuildCommand.Render(program, prefix, "/ws/Cargo.toml", group with { Options = CargoOptions.Of(settings, lambdaConfig ?? new LambdaBuildConfig(), "/ws") },
            settings, config ?? [], new Dictionary<string, string?>(), "/ws").Arguments;

    [Fact]
    public void ZigBuild_dev_renders_only_what_is_set_with_the_glibc_free_triple_and_every_bin()
    {
        var arguments = Render(new ZigBuildSettings(), Group());

        Assert.Equal(
            ["build", "--manifest-path", "/ws/Cargo.toml", "--target", "aarch64-unknown-linux-gnu",
             "--message-format", "json-render-diagnostics",
             "--package", "echo", "--package", "greeter", "--bin", "echo", "--bin", "goodbye", "--bin", "hello"],
            arguments);
    }

    [Fact]
    public void ZigBuild_release_adds_release_and_the_given_config_values()
    {
        var config = ReleaseOptimizations.ConfigValues(LambdaArchitecture.Arm64, new ReleaseProfile(new HashSet<string>(), KeepsDebugInfo: false));

        var arguments = Render(new ZigBuildSettings(), Group("release"), config);

        Assert.Contains("--release", arguments);
        Assert.Contains("profile.release.strip=\"symbols\"", arguments);
        Assert.Contains("build.rustflags=[\"-C\",\"target-cpu=neoverse-n1\"]", arguments);
        Assert.Equal("--config", arguments[arguments.ToList().IndexOf("profile.release.lto=\"thin\"") - 1]);
    }

    [Fact]
    public void CargoBuild_custom_profile_features_and_flags_are_rendered_in_cargo_syntax()
    {
        var settings = new CargoBuildSettings().EnableAllFeatures().EnableNoDefaultFeatures().SetTargetDirectory("/tmp/t").AddCargoArguments("--locked", "-v");

        var arguments = Render(settings, Group("lambda", LambdaArchitecture.X86_64, "fast", "json"));

        Assert.Equal(["--profile", "lambda"], arguments.SkipWhile(a => a != "--profile").Take(2));
        Assert.Equal(["--features", "fast,json"], arguments.SkipWhile(a => a != "--features").Take(2));
        Assert.Contains("--all-features", arguments);
        Assert.Contains("--no-default-features", arguments);
        Assert.Equal(["--target-dir", "/tmp/t"], arguments.SkipWhile(a => a != "--target-dir").Take(2));
        Assert.Equal(["--locked", "-v"], arguments.TakeLast(2));
        Assert.DoesNotContain("--release", arguments);
        Assert.Contains("x86_64-unknown-linux-gnu", arguments);
    }

    [Fact]
    public void Cargo_options_from_settings_are_rendered_as_cargo_spells_them()
    {
        var settings = new CargoBuildSettings().EnableLocked().EnableFrozen().EnableOffline().SetJobs(3);

        var arguments = Render(settings, Group());

        Assert.Contains("--locked", arguments);
        Assert.Contains("--frozen", arguments);
        Assert.Contains("--offline", arguments);
        Assert.Equal(["--jobs", "3"], arguments.SkipWhile(a => a != "--jobs").Take(2));
    }

    [Fact]
    public void Cargo_options_from_the_lambda_config_are_rendered_and_config_values_come_before_ours()
    {
        var lambdaConfig = new LambdaBuildConfig
        {
            Locked = true, Offline = true, Jobs = 2, KeepGoing = true, Timings = true, IgnoreRustVersion = true, Quiet = true, Verbose = 2,
            Color = "never", AllFeatures = true, NoDefaultFeatures = true, UnstableFlags = ["build-std"], CargoConfig = ["net.retry=5"],
        };

        var arguments = Render(new ZigBuildSettings(), Group("release"), ["profile.release.lto=\"thin\""], lambdaConfig: lambdaConfig);

        foreach (var flag in new[] { "--locked", "--offline", "--keep-going", "--timings", "--ignore-rust-version", "--quiet", "--all-features", "--no-default-features" })
            Assert.Contains(flag, arguments);
        Assert.Equal(2, arguments.Count(a => a == "--verbose"));
        Assert.Equal(["--color", "never"], arguments.SkipWhile(a => a != "--color").Take(2));
        Assert.Equal(["-Z", "build-std"], arguments.SkipWhile(a => a != "-Z").Take(2));
        Assert.Equal(["--config", "net.retry=5", "--config", "profile.release.lto=\"thin\""], arguments.SkipWhile(a => a != "--config").Take(4));
    }

    [Fact]
    public void A_cargo_compiler_subcommand_replaces_build_and_its_extra_args_come_last()
    {
        var lambdaConfig = new LambdaBuildConfig { CompilerSubcommand = ["brazil", "build"], CompilerExtraArgs = ["--verbose-build"] };

        var arguments = Render(new CargoBuildSettings().AddCargoArguments("--from-the-command-line"), Group(), lambdaConfig: lambdaConfig);

        Assert.Equal(["brazil", "build", "--manifest-path"], arguments.Take(3));
        Assert.DoesNotContain("build", arguments.Skip(2));
        Assert.Equal(["--verbose-build", "--from-the-command-line"], arguments.TakeLast(2));
    }

    [Fact]
    public void CrossBuild_renders_cross_build_with_the_same_cargo_arguments()
    {
        var invocation = CargoBuildCommand.Render("cross", [], "/ws/Cargo.toml", Group("release"), new CrossBuildSettings(), [],
            new Dictionary<string, string?>(), "/ws");

        Assert.Equal("cross", invocation.FileName);
        Assert.Equal("build", invocation.Arguments[0]);
        Assert.Contains("--release", invocation.Arguments);
    }

    [Fact]
    public void Toolchain_prefix_comes_before_the_build_command()
    {
        var arguments = Render(new ZigBuildSettings(), Group(), program: "cargo", prefix: "+debian");

        Assert.Equal(["+debian", "build"], arguments.Take(2));
    }

    [Fact]
    public void Secrets_in_extra_arguments_are_redacted_in_the_logged_command_line()
    {
        var settings = new ZigBuildSettings().AddCargoArguments("--config", "registries.corp.token=\"s3cr3t\"").AddSecrets("s3cr3t");

        var invocation = CargoBuildCommand.Render("cargo", [], "/ws/Cargo.toml", Group(), settings, [], new Dictionary<string, string?>(), "/ws");

        Assert.Contains("registries.corp.token=\"s3cr3t\"", invocation.Arguments);
        Assert.DoesNotContain("s3cr3t", invocation.Render());
        Assert.Contains("[REDACTED]", invocation.Render());
    }

    [Fact]
    public void Release_optimizations_leave_keys_the_workspace_sets_to_the_user()
    {
        var values = ReleaseOptimizations.ConfigValues(LambdaArchitecture.X86_64, new ReleaseProfile(new HashSet<string> { "lto", "panic" }, KeepsDebugInfo: false));

        Assert.Equal(
            ["profile.release.strip=\"symbols\"", "profile.release.codegen-units=1", "build.rustflags=[\"-C\",\"target-cpu=haswell\"]"],
            values);
    }

    [Fact]
    public void Rustflags_in_the_environment_is_reported_as_overriding_build_rustflags()
    {
        var target = RustTarget.For(LambdaArchitecture.Arm64, LambdaRuntime.ProvidedAl2);

        Assert.Equal("RUSTFLAGS", ReleaseOptimizations.RustflagsOverride(new Dictionary<string, string?> { ["RUSTFLAGS"] = "-C debuginfo=1" }, target));
        Assert.Null(ReleaseOptimizations.RustflagsOverride(new Dictionary<string, string?> { ["RUSTFLAGS"] = "" }, target));
    }

    [Fact]
    public void Target_specific_rustflags_in_the_environment_is_reported_as_overriding_build_rustflags()
    {
        var target = RustTarget.For(LambdaArchitecture.Arm64, LambdaRuntime.ProvidedAl2);
        var environment = new Dictionary<string, string?> { ["CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUSTFLAGS"] = "-C debuginfo=1" };

        Assert.Equal("CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUSTFLAGS", ReleaseOptimizations.RustflagsOverride(environment, target));
    }

    [Fact]
    public void Rustflags_for_another_target_is_not_reported_as_overriding_build_rustflags()
    {
        var target = RustTarget.For(LambdaArchitecture.Arm64, LambdaRuntime.ProvidedAl2);
        var environment = new Dictionary<string, string?> { ["CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS"] = "-C debuginfo=1" };

        Assert.Null(ReleaseOptimizations.RustflagsOverride(environment, target));
    }

    [Fact]
    public void Settings_are_immutable_and_fluent_setters_return_copies_of_the_same_type()
    {
        var original = new ZigBuildSettings();

        var changed = original.SetArchitectures(LambdaArchitecture.Arm64, LambdaArchitecture.X86_64).EnableRelease().SetZigPath("/opt/zig");

        Assert.IsType<ZigBuildSettings>(changed);
        Assert.Empty(original.Architectures);
        Assert.Null(original.Release);
        Assert.Equal([LambdaArchitecture.Arm64, LambdaArchitecture.X86_64], changed.Architectures);
        Assert.True(changed.Release);
        Assert.Equal("/opt/zig", changed.ZigPath);
    }
}
