using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Processes;
using Nuke.LambdaRust.Tests.Host;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Processes;

/// <summary>
/// In a host that does not handle signals (a NUKE or Cake build, a plain program), a signal to the host still reaches
/// the tools, as a terminal's Ctrl+C reached them when they shared the host's process group.
/// </summary>
[Collection(nameof(SignalTests))] // the signal goes to this test process: nothing else may run meanwhile
public sealed class SignalForwardingTests
{
    [Fact]
    public async Task A_signal_the_host_receives_is_passed_on_to_the_running_tool_which_ends_as_cancelled()
    {
        using var directory = new TestDirectory();
        var script = directory.Write("wait.sh", "#!/bin/sh\necho $$ > \"$1/tool.pid\"\necho ready\nexec sleep 600\n");
        // This test stands in for the host: it survives the signal, which .NET would otherwise end it with.
        using var survive = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context => context.Cancel = true);

        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // not a timing: without forwarding it would wait 600 s

        var run = ProcessRunner.RunAsync(new ToolInvocation(TestTools.Require("sh"), [script, directory.Path]), NullLogger.Instance, guard.Token,
            onOutput: line =>
            {
                if (line == "ready")
                    UnixSignals.Send(Environment.ProcessId, UnixSignals.Hangup);
            });

        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Contains("ended on SIGHUP", cancelled.Message);
        var tool = int.Parse(File.ReadAllText(directory["tool.pid"]).Trim());
        Assert.False(ProcessTable.IsLive(tool), $"{ProcessTable.Find(tool)} is still running");
    }
}
