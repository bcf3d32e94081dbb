using CliWrap;
using Nuke.LambdaRust.Runtime;

namespace Nuke.LambdaRust.Tests.Runtime;

/// <summary>
/// The pipe that keeps a bootstrap's output with its invocation: draining it takes in everything the process wrote before.
/// </summary>
public sealed class BootstrapOutputPipeTests
{
    private const int LineCount = 200_000; // about 1.3 MB, twenty pipe buffers: the reader is still busy when the writer is done

    [Fact]
    public async Task Drain_takes_in_every_line_written_before_it_however_far_the_reader_lags()
    {
        var lines = new List<string>();
        var counted = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var standardOutput = new BootstrapOutputPipe(line =>
        {
            lock (lines)
                lines.Add(line);
        });
        var standardError = new BootstrapOutputPipe(line =>
        {
            // The process writes this only after its last line to standard output, as a function posts its response
            // after its log lines.
            if (line != "done")
                return;
            standardOutput.Drain();
            lock (lines)
                counted.TrySetResult(lines.Count);
        });
        using var end = new CancellationTokenSource();
        var process = Cli.Wrap("/bin/sh")
            .WithArguments(["-c", $"seq 1 {LineCount}; echo done >&2; exec sleep 60"])
            .WithStandardOutputPipe(standardOutput)
            .WithStandardErrorPipe(standardError)
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(end.Token);

        var count = await counted.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await end.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await process);

        Assert.Equal(LineCount, count);
        Assert.Equal(("1", LineCount.ToString(System.Globalization.CultureInfo.InvariantCulture)), (lines[0], lines[^1]));
    }

    [Fact]
    public async Task The_last_line_counts_without_a_newline_and_carriage_returns_are_dropped()
    {
        var lines = new List<string>();
        var pipe = new BootstrapOutputPipe(lines.Add);

        await Cli.Wrap("/usr/bin/printf")
            .WithArguments(["héllo\\r\\nwörld"])
            .WithStandardOutputPipe(pipe)
            .ExecuteAsync();

        Assert.Equal(["héllo", "wörld"], lines);
        pipe.Drain(); // after the end: nothing more, and no failure
        Assert.Equal(2, lines.Count);
    }
}
