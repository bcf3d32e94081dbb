using Microsoft.Extensions.Logging;

namespace Build.Benchmarks;

/// <summary>
/// Times commands alternately, A B A B ... (A B C A B C ... for more), so that a change in the machine's load (other
/// builds, the page cache) falls on all of them alike; a preparation step (not timed) runs before every run, e.g.
/// deleting the target folder for a cold build.
/// </summary>
internal sealed class AlternatingTimer(string scratchDirectory, ILogger logger)
{
    public async Task<IReadOnlyList<Sample>> MeasureAsync(
        IReadOnlyList<BenchmarkCommand> commands, int runs, Func<CancellationToken, Task>? prepare, CancellationToken cancellationToken)
    {
        var measurements = commands.Select(_ => new List<RunMeasurement>()).ToList();
        for (var run = 1; run <= runs; run++)
        {
            for (var index = 0; index < commands.Count; index++)
            {
                if (prepare is not null)
                    await prepare(cancellationToken);
                var measurement = await commands[index].RunAsync(scratchDirectory, cancellationToken);
                measurements[index].Add(measurement);
                logger.LogInformation("  run {Run}/{Runs} {Label}: {Seconds:F3} s{Memory}", run, runs, commands[index].Label, measurement.Elapsed.TotalSeconds,
                    measurement.PeakKib is { } kib ? $", {kib / 1024.0:F0} MiB peak" : "");
            }
        }

        return [.. measurements.Select(m => new Sample(m))];
    }
}
