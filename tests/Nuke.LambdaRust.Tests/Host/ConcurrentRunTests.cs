using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Host;

/// <summary>Two real host processes on one workspace: the second waits for the first and never breaks it.</summary>
[Collection(nameof(HostProcessCollection))]
public sealed class ConcurrentRunTests(BuildScriptCopy copy)
{
    [Fact]
    public async Task A_Clean_started_while_a_zig_build_compiles_waits_for_it_and_the_build_links_with_its_wrappers()
    {
        await copy.EnsureBuiltAsync();
        using var project = new TestDirectory();
        SlowWorkspace.WriteTo(project);
        var wrappers = project["target/lambda-rust"];

        using var build = HostProcess.Start(copy, ["Compile", "--arch", "x86_64", "--manifest-path", project["Cargo.toml"]],
            new Dictionary<string, string?>
            {
                ["ZIG"] = TestTools.Zig(),
                ["SLOW_BUILD_SCRIPT_PID_FILE"] = project["build-script.pid"],
                ["SLOW_BUILD_GO_FILE"] = project["go"],
            });
        await build.WaitForPidFileAsync(project["build-script.pid"]);
        Assert.True(Directory.Exists(wrappers), "the zig build wrote no linker wrappers:" + Environment.NewLine + build.Output);

        using var clean = HostProcess.Start(copy, ["Clean", "--manifest-path", project["Cargo.toml"]], new Dictionary<string, string?> { ["ZIG"] = TestTools.Zig() });
        await clean.WaitForOutputAsync("Waiting for another build of this workspace to finish");
        Assert.Contains($"is held by pid {build.Process.Id}", clean.Output);
        Assert.True(Directory.Exists(wrappers), "Clean deleted the linker wrappers under the running build");

        await File.WriteAllTextAsync(project["go"], "");
        var buildExit = await build.WaitForExitAsync(TimeSpan.FromMinutes(5));
        var cleanExit = await clean.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(buildExit == 0, $"the build failed ({buildExit}):{Environment.NewLine}{build.Output}");
        Assert.True(File.Exists(project["target/x86_64-unknown-linux-gnu/debug/slow"]));
        Assert.True(cleanExit == 0, $"Clean failed ({cleanExit}):{Environment.NewLine}{clean.Output}");
        Assert.False(Directory.Exists(wrappers), "Clean, once the build was done, did not delete the wrappers");
    }
}
