using System.Text.RegularExpressions;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Packaging;

/// <summary>One line of <c>zipinfo -T</c>: mode, host system, text/binary + extra-field flags, method, date, name.</summary>
internal sealed partial record ZipListing(string Mode, string HostSystem, string Flags, string Method, string Timestamp, string Name)
{
    /// <summary>Runs the real <c>zipinfo -T</c> on <paramref name="zip"/> and parses its entry lines.</summary>
    public static async Task<IReadOnlyList<ZipListing>> ReadAsync(string zip)
    {
        var lines = await TestTools.RunAsync("zipinfo", "-T", zip);
        var entries = lines.Select(line => EntryLine().Match(line))
            .Where(match => match.Success)
            .Select(match => new ZipListing(
                match.Groups["mode"].Value,
                match.Groups["host"].Value,
                match.Groups["flags"].Value,
                match.Groups["method"].Value,
                match.Groups["time"].Value,
                match.Groups["name"].Value))
            .ToList();
        Assert.True(entries.Count > 0, "zipinfo printed no entry lines:" + Environment.NewLine + string.Join(Environment.NewLine, lines));
        return entries;
    }

    // e.g. "-rwxr-xr-x  2.0 unx    70536 b- defN 19800101.000000 bootstrap"
    [GeneratedRegex(@"^(?<mode>[-d][-rwxsStT]{9})\s+\d+\.\d+\s+(?<host>\S+)\s+\d+\s+(?<flags>\S\S)\s+(?<method>\S+)\s+(?<time>\d{8}\.\d{6})\s+(?<name>.+)$")]
    private static partial Regex EntryLine();
}
