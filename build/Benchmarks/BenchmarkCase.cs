namespace Build.Benchmarks;

/// <summary>
/// One measurement of the table: commands timed alternately (ours first), how many runs, what to do before each run
/// (not timed), and the rows it gives — each a ratio of two of the commands, held to a goal.
/// </summary>
internal sealed record BenchmarkCase(string Name, IReadOnlyList<BenchmarkCommand> Commands, int Runs, IReadOnlyList<BenchmarkRow> Rows)
{
    public Func<CancellationToken, Task>? Prepare { get; init; }

    /// <summary>Once before the timed runs: each command once, untimed (a warm case needs both sides warm).</summary>
    public bool WarmUp { get; init; }
}

/// <summary>
/// A row of the table: command A over command B (indexes into the case's commands), the goal as text (empty when the
/// row only informs) and whether a result meets it (null: no goal).
/// </summary>
internal sealed record BenchmarkRow(string Name, int A, int B, string Goal, Func<BenchmarkResult, bool>? Meets = null)
{
    /// <summary>Something measured beside the times (the zips' sizes, the cost per added function), known once every sample exists.</summary>
    public Func<BenchmarkResult, string>? Detail { get; init; }
}

/// <summary>A row's outcome: both samples, or why it did not run.</summary>
internal sealed record BenchmarkResult(string Name, string Goal)
{
    public Sample? Ours { get; init; }

    public Sample? Baseline { get; init; }

    public string OursLabel { get; init; } = "";

    public string BaselineLabel { get; init; } = "";

    public string? Detail { get; init; }

    public string? NotRun { get; init; }

    public bool? Met { get; init; }

    /// <summary>A's median over B's.</summary>
    public double Ratio => Ours!.Median / Baseline!.Median;

    /// <summary>A's median minus B's, in seconds.</summary>
    public double Difference => Ours!.Median - Baseline!.Median;

    public static BenchmarkResult Skipped(string name, string goal, string reason) => new(name, goal) { NotRun = reason };
}
