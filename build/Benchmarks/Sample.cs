namespace Build.Benchmarks;

/// <summary>The runs of one command: min, median and max time, and the highest peak memory.</summary>
internal sealed record Sample(IReadOnlyList<RunMeasurement> Runs)
{
    private IReadOnlyList<double> Seconds => [.. Runs.Select(r => r.Elapsed.TotalSeconds).Order()];

    public int Count => Runs.Count;

    public double Min => Seconds[0];

    public double Max => Seconds[^1];

    /// <summary>The middle run; for an even count, the mean of the two middle ones.</summary>
    public double Median => Count % 2 == 1 ? Seconds[Count / 2] : (Seconds[Count / 2 - 1] + Seconds[Count / 2]) / 2;

    public long? PeakKib => Runs.Any(r => r.PeakKib is not null) ? Runs.Max(r => r.PeakKib ?? 0) : null;
}
