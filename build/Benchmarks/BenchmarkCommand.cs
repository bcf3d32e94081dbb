using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Processes;

namespace Build.Benchmarks;

/// <summary>
/// One side of a comparison: a process (file name and argument list, never a shell string), or an action inside the
/// runner. A process is started under GNU time (<c>/usr/bin/time -f %M</c>) for its peak resident memory.
/// </summary>
internal sealed record BenchmarkCommand(string Label)
{
    public string? FileName { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    public string? WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Done before each of its runs, not timed (e.g. deleting the zip that <c>zip</c> would otherwise update).</summary>
    public Action? Prepare { get; init; }

    /// <summary>Work done inside the runner instead of a process (our packager on its own): no peak memory of its own.</summary>
    public Func<CancellationToken, Task>? InProcess { get; init; }

    public static BenchmarkCommand Process(string label, string fileName, IReadOnlyList<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        new(label) { FileName = fileName, Arguments = arguments, WorkingDirectory = workingDirectory, Environment = environment ?? new Dictionary<string, string?>() };

    /// <summary>Runs it once: the wall time, and the peak resident set in KiB (null for in-process work).</summary>
    public async Task<RunMeasurement> RunAsync(string scratchDirectory, CancellationToken cancellationToken)
    {
        Prepare?.Invoke();
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        if (InProcess is { } action)
        {
            await action(cancellationToken);
            return new RunMeasurement(stopwatch.Elapsed, null);
        }

        var memoryFile = Path.Combine(scratchDirectory, $"peak-{Guid.NewGuid():N}.txt");
        var invocation = new ToolInvocation(MachineFacts.GnuTime, ["-f", "%M", "-o", memoryFile, FileName!, .. Arguments])
        {
            WorkingDirectory = WorkingDirectory,
            Environment = Environment,
        };
        stopwatch.Restart();
        await ProcessRunner.RunAsync(invocation, NullLogger.Instance, cancellationToken, onOutput: _ => { },
            fixOnFailure: $"The benchmark command '{Label}' failed: run it by hand to see why.");
        var elapsed = stopwatch.Elapsed;
        var peak = long.TryParse((await File.ReadAllLinesAsync(memoryFile, cancellationToken)).LastOrDefault(l => l.Trim().Length > 0)?.Trim(), out var kib)
            ? kib
            : (long?)null;
        File.Delete(memoryFile);
        return new RunMeasurement(elapsed, peak);
    }
}

/// <summary>One run: how long it took and its peak resident memory in KiB (null when not measured).</summary>
internal sealed record RunMeasurement(TimeSpan Elapsed, long? PeakKib);
