namespace Nuke.LambdaRust.Cargo;

/// <summary>Suggests the known name nearest to a mistyped one.</summary>
internal static class ClosestName
{
    /// <summary>The candidate with the smallest edit distance, when it is close enough to be a likely typo.</summary>
    public static string? Find(string wrong, IEnumerable<string> candidates)
    {
        var list = candidates.ToList();

        // A name typed short ("orders" for "orders-api") is a likelier meaning than an unrelated name one letter away.
        var extended = list.Where(c => c.StartsWith(wrong, StringComparison.OrdinalIgnoreCase)).OrderBy(c => c.Length).FirstOrDefault();
        if (wrong.Length > 0 && extended is not null)
            return extended;

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in list)
        {
            var distance = Distance(wrong.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // Beyond about a third of the name changed (or all of a short one), a suggestion is more confusing than helpful.
        return best is not null && bestDistance <= Math.Max(1, wrong.Length / 3) && bestDistance < wrong.Length ? best : null;
    }

    /// <summary>" Did you mean 'x'?" or an empty string.</summary>
    public static string Hint(string wrong, IEnumerable<string> candidates) =>
        Find(wrong, candidates) is { } closest ? $" Did you mean '{closest}'?" : "";

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
