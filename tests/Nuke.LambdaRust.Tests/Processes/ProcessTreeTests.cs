using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Processes;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Processes;

/// <summary>Every tool runs as a process group of its own, and nothing of its tree outlives a cancelled run.</summary>
public sealed class ProcessTreeTests
{
    [Fact]
    public async Task A_tool_runs_in_place_as_the_leader_of_a_session_and_process_group_of_its_own()
    {
        Assert.True(OperatingSystem.IsLinux(), "Process groups of our own are a Linux feature (setsid, /proc).");

        var stat = Assert.Single(await TestTools.RunAsync("cat", "/proc/self/stat"));

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var pid = int.Parse(stat[..stat.IndexOf(' ')], CultureInfo.InvariantCulture);
        Assert.Equal(pid, int.Parse(fields[2], CultureInfo.InvariantCulture)); // its group is its own
        Assert.Equal(pid, int.Parse(fields[3], CultureInfo.InvariantCulture)); // and so is its session: no terminal job control
        Assert.Equal(Environment.ProcessId, int.Parse(fields[1], CultureInfo.InvariantCulture)); // setsid did not fork: our child is the tool
    }

    [Fact]
    public async Task Cancelling_ends_the_whole_tree_even_an_orphan_a_process_that_ignores_SIGTERM_and_a_stopped_one()
    {
        using var directory = new TestDirectory();
        // Three grandchildren that a kill of the tool's own pid, or of its children found by parent links, would miss.
        var script = directory.Write("tree.sh", """
            #!/bin/sh
            (sleep 600 & echo $! > "$1/orphan.pid")
            sh -c 'trap "" TERM; echo $$ > "$1/ignores-term.pid"; exec sleep 600' sh "$1" &
            sleep 600 &
            stopped=$!
            kill -STOP $stopped
            while ! grep -q ') T ' /proc/$stopped/stat; do sleep 0.05; done
            echo $stopped > "$1/stopped.pid"
            while [ ! -s "$1/ignores-term.pid" ]; do sleep 0.05; done
            echo ready
            wait
            """);
        using var cancellation = new CancellationTokenSource();
        char? stoppedState = null;

        var run = ProcessRunner.RunAsync(new ToolInvocation(TestTools.Require("sh"), [script, directory.Path]), NullLogger.Instance, cancellation.Token,
            onOutput: line =>
            {
                if (line != "ready")
                    return;
                stoppedState = ProcessTable.Find(int.Parse(File.ReadAllText(directory["stopped.pid"]).Trim(), CultureInfo.InvariantCulture))?.State;
                cancellation.Cancel();
            });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var pids = new[] { "orphan.pid", "ignores-term.pid", "stopped.pid" }
            .Select(file => int.Parse(File.ReadAllText(directory[file]).Trim(), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal('T', stoppedState);
        Assert.All(pids, pid => Assert.False(ProcessTable.IsLive(pid), $"{ProcessTable.Find(pid)} outlived the cancelled run"));
    }

    [Fact]
    public async Task A_tool_that_is_not_on_PATH_is_reported_by_name_with_how_to_get_it()
    {
        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            ProcessRunner.RunAsync(new ToolInvocation("no-such-tool-for-lambda-rust", []), NullLogger.Instance));

        Assert.Equal("Could not start 'no-such-tool-for-lambda-rust': not found on PATH.", error.Problem);
        Assert.Contains("put it on PATH", error.Fix);
    }
}
