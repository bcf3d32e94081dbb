using System.Text;

namespace Nuke.LambdaRust.Host;

/// <summary>
/// How names typed by users meet names in the graph: letters and digits only, case-insensitive
/// (<c>Pack-age</c>, <c>package</c> and <c>PACKAGE</c> are the same target; <c>MANIFEST_PATH</c> is <c>ManifestPath</c>).
/// </summary>
internal static class NameMatching
{
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
                builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    public static bool SameName(string a, string b) => Normalize(a) == Normalize(b);

    /// <summary>" Did you mean 'X'?" for the closest candidates, or an empty string when none is close.</summary>
    public static string DidYouMean(string input, IEnumerable<string> candidates)
    {
        var suggestions = Suggest(input, candidates);
        return suggestions.Count switch
        {
            0 => "",
            1 => $" Did you mean '{suggestions[0]}'?",
            _ => $" Did you mean {string.Join(", ", suggestions.Take(suggestions.Count - 1).Select(s => $"'{s}'"))} or '{suggestions[^1]}'?",
        };
    }

    /// <summary>Up to three candidates close to <paramref name="input"/> by edit distance (or that start with it), best first.</summary>
    public static IReadOnlyList<string> Suggest(string input, IEnumerable<string> candidates)
    {
        var typed = Normalize(input);
        if (typed.Length == 0)
            return [];

        var threshold = Math.Max(2, typed.Length / 3);
        return candidates
            .Distinct(StringComparer.Ordinal)
            .Select(candidate => (Candidate: candidate, Normalized: Normalize(candidate)))
            .Select(c => (c.Candidate, Distance: c.Normalized.StartsWith(typed, StringComparison.Ordinal) ? 0 : EditDistance(typed, c.Normalized)))
            .Where(c => c.Distance <= threshold)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Candidate, StringComparer.Ordinal)
            .Take(3)
            .Select(c => c.Candidate)
            .ToList();
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1.</summary>
    public static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }
}
