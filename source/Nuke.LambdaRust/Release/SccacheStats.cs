using System.Text.Json;

namespace Nuke.LambdaRust.Release;

/// <summary>Compile counts from <c>sccache --show-stats --stats-format json</c> (all languages added up).</summary>
/// <param name="Hits">Compilations answered from the cache.</param>
/// <param name="Misses">Compilations that ran and were stored.</param>
/// <param name="CacheLocation">Where the server keeps its cache, as sccache says it (<c>Local disk: "..."</c>, <c>Redis: ...</c>).</param>
public sealed record SccacheStats(long Hits, long Misses, string CacheLocation)
{
    /// <summary>Parses sccache's JSON statistics.</summary>
    internal static SccacheStats Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var stats = root.GetProperty("stats");
        return new SccacheStats(Sum(stats, "cache_hits"), Sum(stats, "cache_misses"),
            root.TryGetProperty("cache_location", out var location) ? location.GetString() ?? "" : "");
    }

    /// <summary>What happened between two readings of one server.</summary>
    public SccacheStats Since(SccacheStats before) => this with { Hits = Hits - before.Hits, Misses = Misses - before.Misses };

    /// <inheritdoc />
    public override string ToString() => $"sccache {Hits} hits, {Misses} misses ({CacheLocation})";

    private static long Sum(JsonElement stats, string name) =>
        stats.TryGetProperty(name, out var counter) && counter.TryGetProperty("counts", out var counts)
            ? counts.EnumerateObject().Sum(c => c.Value.GetInt64())
            : 0;
}
