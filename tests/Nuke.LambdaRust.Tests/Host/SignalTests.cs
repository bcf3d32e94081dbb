using System.Globalization;
using Nuke.LambdaRust.Host;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Tests.Host;

/// <summary>Runs alone: a signal sent to this process reaches every build host running in it.</summary>
[CollectionDefinition(nameof(SignalTests), DisableParallelization = true)]
public sealed class SignalTestsCollection;

[Collection(nameof(SignalTests))]
public sealed class SignalTests
{
    [Fact]
    public async Task SIGTERM_while_a_target_runs_aborts_it_leaves_the_rest_NotRun_and_returns_130()
    {
        Assert.False(OperatingSystem.IsWindows(), "This test sends a POSIX signal with kill(1).");
        using var run = BuildRun.Lambda();
        run.Graph.Extend("Compile", t => t.Executes(async (ctx, ct) =>
        {
            // The real path: the signal comes from another process while the target is busy.
            await ProcessRunner.RunAsync(new ToolInvocation("kill", ["-TERM", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)]), ctx.Logger, ct);
            await Task.Delay(TimeSpan.FromMinutes(5), ct); // a guard, not a timing: without the signal the target would end Succeeded
        }));

        var exitCode = await run.RunAsync("Package");

        Assert.Equal(BuildHost.Cancelled, exitCode);
        Assert.Contains("SIGTERM received: cancelling the build", run.Output);
        Assert.StartsWith("Compile Aborted", run.SummaryRow("Compile"));
        Assert.Equal("Package NotRun cancelled", run.SummaryRow("Package"));
    }
}
