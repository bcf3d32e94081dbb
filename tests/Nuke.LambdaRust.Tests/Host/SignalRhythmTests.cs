using System.Diagnostics;
using System.Globalization;
using Nuke.LambdaRust.Processes;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Host;

/// <summary>
/// Signals to the real host process while cargo compiles: whatever arrives, in whatever rhythm, the host exits with 130
/// and leaves no process of its build behind — none running, none stopped — and the next build does not wait on a lock.
/// </summary>
[Collection(nameof(HostProcessCollection))]
public sealed class SignalRhythmTests(BuildScriptCopy copy)
{
    private const string RunMarker = "LAMBDA_RUST_SIGNAL_TEST_RUN";

    [Theory]
    [InlineData("SIGINT")]
    [InlineData("SIGINT 50ms SIGINT")]
    [InlineData("SIGINT 2s SIGTERM")]
    [InlineData("SIGTERM SIGTERM SIGTERM")]
    [InlineData("SIGHUP")]
    public async Task Signals_during_a_cargo_build_end_the_whole_process_tree_and_the_next_build_runs_without_waiting(string rhythm)
    {
        Assert.True(OperatingSystem.IsLinux(), "This test reads the process table from /proc.");
        await copy.EnsureBuiltAsync();
        using var project = new TestDirectory();
        SlowWorkspace.WriteTo(project);
        var run = Guid.NewGuid().ToString("N");

        // rustc sleeps inside a proc macro and a build script sleeps beside it, both far longer than any test: only
        // ending the process tree ends them early.
        using (var host = HostProcess.Start(copy, ["Package", "--compiler", "cargo", "--arch", "x86_64", "--manifest-path", project["Cargo.toml"]],
                   new Dictionary<string, string?>
                   {
                       [RunMarker] = run,
                       ["SLOW_RUSTC_PID_FILE"] = project["rustc.pid"],
                       ["SLOW_BUILD_SCRIPT_PID_FILE"] = project["build-script.pid"],
                   }))
        {
            var rustc = await host.WaitForPidFileAsync(project["rustc.pid"]);
            var buildScript = await host.WaitForPidFileAsync(project["build-script.pid"]);

            await SendAsync(host.Process, rhythm);
            var exitCode = await host.WaitForExitAsync(TimeSpan.FromMinutes(1));

            Assert.True(exitCode == 130, $"exit code {exitCode}:{Environment.NewLine}{host.Output}");
            var left = ProcessTable.LiveWithEnvironment(RunMarker, run);
            Assert.True(left.Count == 0, $"left running after '{rhythm}': {string.Join("; ", left)}");
            Assert.False(ProcessTable.IsLive(rustc), $"rustc {ProcessTable.Find(rustc)} is still there");
            Assert.False(ProcessTable.IsLive(buildScript), $"the build script {ProcessTable.Find(buildScript)} is still there");
        }

        using var next = HostProcess.Start(copy, ["Compile", "--compiler", "cargo", "--arch", "x86_64", "--manifest-path", project["Cargo.toml"]],
            new Dictionary<string, string?> { [RunMarker] = run });
        // The locks a leftover cargo of this build would hold. Cargo's package cache lock is shared by every cargo on the
        // machine (other tests build meanwhile), so waiting on it says nothing about this build.
        var nextExit = await next.WaitForExitAsync(TimeSpan.FromMinutes(5),
            "Blocking waiting for file lock on build directory", "Blocking waiting for file lock on artifact directory");
        Assert.True(nextExit == 0, $"the next build failed ({nextExit}):{Environment.NewLine}{next.Output}");
        Assert.DoesNotContain("waiting for another build", next.Output);
    }

    /// <summary>Sends the signals of a rhythm such as <c>SIGINT 50ms SIGINT</c>, while the host still runs.</summary>
    private static async Task SendAsync(Process host, string rhythm)
    {
        foreach (var step in rhythm.Split(' '))
        {
            if (step.EndsWith("ms", StringComparison.Ordinal))
                await Task.Delay(int.Parse(step[..^2], CultureInfo.InvariantCulture));
            else if (step.EndsWith('s'))
                await Task.Delay(TimeSpan.FromSeconds(int.Parse(step[..^1], CultureInfo.InvariantCulture)));
            else if (!host.HasExited)
                UnixSignals.Send(host.Id, step switch { "SIGINT" => UnixSignals.Interrupt, "SIGTERM" => UnixSignals.Terminate, _ => UnixSignals.Hangup });
        }
    }
}
