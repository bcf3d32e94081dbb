using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Tools;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Tests.Tools;

/// <summary>Every bad input ends in an error that names the file, flag or value and says the fix.</summary>
public class BuildErrorTests : IDisposable
{
    private readonly BuildWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Malformed_Cargo_toml_is_reported_with_its_file_and_line()
    {
        var manifest = _workspace.Write("functions/echo/Cargo.toml", "[package]\nname = \"echo\"\nversion = 0.1.0\"\n");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            LambdaRustTasks.ZigBuildAsync(s => _workspace.Configure(s, "malformed").SetManifestPath(manifest)));

        Assert.Contains(manifest + ":3:", error.Message);
    }

    [Fact]
    public async Task Unknown_function_is_reported_with_the_real_ones()
    {
        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            LambdaRustTasks.ZigBuildAsync(s => _workspace.Configure(s, "unknown").SetFunctions("helo")));

        Assert.Contains("'helo'", error.Message);
        Assert.Contains("hello", error.Message);
        Assert.Contains("goodbye", error.Message);
        Assert.Contains("echo", error.Message);
    }

    [Fact]
    public async Task Bad_zig_path_is_reported_naming_the_path()
    {
        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            LambdaRustTasks.ZigBuildAsync(s => _workspace.Configure(s, "bad-zig").SetZigPath("/nowhere/zig").SetArchitecture(LambdaArchitecture.X86_64)));

        Assert.Contains("/nowhere/zig", error.Message);
        Assert.NotNull(error.Fix);
    }

    [Fact]
    public async Task Missing_target_std_is_reported_before_building_with_the_commands_that_fix_it()
    {
        var rustupRustc = (await TestTools.RunAsync("rustup", "which", "rustc")).Single().Trim();

        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            LambdaRustTasks.ZigBuildAsync(s => _workspace.Configure(s, "no-std").SetArchitecture(LambdaArchitecture.Arm64).SetRustcPath(rustupRustc)));

        Assert.Contains("aarch64-unknown-linux-gnu", error.Message);
        Assert.Contains("rustup target add aarch64-unknown-linux-gnu", error.Fix);
        Assert.False(Directory.Exists(Path.Combine(_workspace.Root, "target-no-std", "aarch64-unknown-linux-gnu")));
    }

    [Fact]
    public async Task Cross_that_is_not_installed_is_reported_with_how_to_get_it()
    {
        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            LambdaRustTasks.CrossBuildAsync(s => _workspace.Configure(s, "no-cross").SetCrossPath("/nowhere/cross")));

        Assert.Contains("/nowhere/cross", error.Message);
        Assert.Contains("cargo install cross", error.Fix);
    }

    [Fact]
    public async Task Cross_with_no_container_engine_on_PATH_is_reported_with_how_to_get_one()
    {
        var fakes = FakeCrossTools(engineWorks: true);
        File.Delete(Path.Combine(fakes, "docker"));

        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            LambdaRustTasks.CrossBuildAsync(s => _workspace.Configure(s, "no-engine").SetEnvironmentVariable("PATH", fakes)));

        Assert.Contains("neither 'docker' nor 'podman'", error.Message);
        Assert.Contains("Podman", error.Fix);
    }

    [Fact]
    public async Task Cross_with_a_fake_container_engine_that_cannot_connect_is_reported_as_not_running()
    {
        var fakes = FakeCrossTools(engineWorks: false);

        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            LambdaRustTasks.CrossBuildAsync(s => _workspace.Configure(s, "engine-down").SetCrossPath(Path.Combine(fakes, "cross"))
                .SetContainerEngine(Path.Combine(fakes, "docker"))));

        Assert.Contains("installed but not usable", error.Message);
        Assert.Contains("Cannot connect to the Docker daemon", error.Message);
    }

    [Fact]
    public async Task CrossBuild_with_fake_cross_and_fake_engine_runs_cross_build_with_cargo_lambdas_default_image()
    {
        var fakes = FakeCrossTools(engineWorks: true);

        var binaries = await LambdaRustTasks.CrossBuildAsync(s => _workspace.Configure(s, "cross").SetCrossPath(Path.Combine(fakes, "cross"))
            .SetContainerEngine(Path.Combine(fakes, "docker")).SetArchitecture(LambdaArchitecture.X86_64).SetFunctions("echo"));

        var recorded = await File.ReadAllLinesAsync(Path.Combine(fakes, "cross.log"));
        Assert.Equal("image=ghcr.io/cross-rs/x86_64-unknown-linux-gnu:0.2.5", recorded[0]);
        Assert.Equal("build", recorded[1]);
        Assert.Contains("--target", recorded);
        Assert.Equal(LambdaCompiler.Cross, Assert.Single(binaries).Compiler);
        Assert.Equal(LambdaArchitecture.X86_64, Nuke.LambdaRust.Elf.ElfInspector.Read(binaries[0].Path).Architecture);
    }

    [Fact]
    public async Task Cross_image_configured_in_Cross_toml_is_not_overridden()
    {
        var fakes = FakeCrossTools(engineWorks: true);
        _workspace.Write("Cross.toml", "[target.x86_64-unknown-linux-gnu]\nimage = \"corp/lambda:1\"\n");

        await LambdaRustTasks.CrossBuildAsync(s => _workspace.Configure(s, "cross-toml").SetCrossPath(Path.Combine(fakes, "cross"))
            .SetContainerEngine(Path.Combine(fakes, "docker")).SetArchitecture(LambdaArchitecture.X86_64).SetFunctions("echo"));

        Assert.Equal("image=", (await File.ReadAllLinesAsync(Path.Combine(fakes, "cross.log")))[0]);
    }

    [Fact]
    public async Task Failing_cargo_is_reported_with_command_directory_exit_code_and_the_compilers_errors()
    {
        _workspace.Write("functions/echo/src/main.rs", "fn main() { let x: u32 = \"not a number\"; }\n");

        var error = await Assert.ThrowsAsync<ProcessFailedException>(() =>
            LambdaRustTasks.ZigBuildAsync(s => _workspace.Configure(s, "failing").SetArchitecture(LambdaArchitecture.X86_64).SetFunctions("echo")));

        Assert.Equal(101, error.ExitCode);
        Assert.Contains("build", error.CommandLine);
        Assert.Contains("--bin echo", error.CommandLine);
        Assert.Equal(_workspace.Root, error.WorkingDirectory);
        Assert.Contains(error.StandardErrorTail, l => l.Contains("mismatched types", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plain_cargo_without_a_cross_linker_for_arm64_says_which_package_to_install()
    {
        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            LambdaRustTasks.CargoBuildAsync(s => _workspace.Configure(s, "no-linker").SetArchitecture(LambdaArchitecture.Arm64)
                .SetEnvironmentVariable("PATH", "/nonexistent")));

        Assert.Contains("aarch64-linux-gnu-gcc", error.Message);
        Assert.Contains("gcc-aarch64-linux-gnu", error.Fix);
    }

    /// <summary>
    /// Fakes for what cannot exist here: a container engine, and cross (which would build inside it). The fake cross
    /// records the image it was given and its arguments, then runs the real cargo with them.
    /// </summary>
    private string FakeCrossTools(bool engineWorks)
    {
        var cargo = TestTools.Require("cargo");
        var folder = Path.Combine(_workspace.Root, "fakes");
        var log = Path.Combine(folder, "cross.log");
        TestTools.WriteExecutable(Path.Combine(folder, "cross"),
            "#!/bin/sh\n" +
            $"printf 'image=%s\\n' \"$CROSS_TARGET_X86_64_UNKNOWN_LINUX_GNU_IMAGE\" > '{log}'\n" +
            $"printf '%s\\n' \"$@\" >> '{log}'\n" +
            $"exec '{cargo}' \"$@\"\n");
        Support.FakeCrossTools.WriteEngine(folder, "docker", running: engineWorks);
        return folder;
    }

    [Fact]
    public async Task A_cargo_build_for_provided_al2_whose_binary_needs_a_newer_glibc_fails_right_after_compiling_naming_it_and_the_fix()
    {
        var gcc = TestTools.Require("aarch64-linux-gnu-gcc"); // Debian's cross gcc links against glibc 2.36

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => LambdaRustTasks.CargoBuildAsync(s => _workspace.Configure(s, "al2-cargo")
            .SetArchitecture(LambdaArchitecture.Arm64).SetRuntime(LambdaRuntime.ProvidedAl2).SetLinker(LambdaArchitecture.Arm64, gcc).SetFunctions("hello")));

        Assert.StartsWith("Compile found", error.Problem);
        var hello = Path.Combine(_workspace.Root, "target-al2-cargo", "aarch64-unknown-linux-gnu", "debug", "hello");
        Assert.Matches($@"\[glibc-version\] {System.Text.RegularExpressions.Regex.Escape(hello)} needs GLIBC_2\.(2[7-9]|[3-9]\d), but hello must run with glibc 2\.26", error.Problem);
        Assert.Contains("--compiler zig", error.Fix);
    }
}
