using System.Xml.Linq;

namespace Build;

/// <summary>
/// How many of the NUKE tests (namespace <c>Nuke.LambdaRust.Tests.NukeComponent</c>) ran and how many were skipped, and
/// why, read from the test run's TRX file: the line the test summary adds so that a skipped NUKE test is never hidden.
/// </summary>
internal sealed record NukeTestCounts(int Passed, int Failed, int Skipped, IReadOnlyList<string> SkipReasons)
{
    private const string Namespace = "Nuke.LambdaRust.Tests.NukeComponent.";
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public override string ToString() =>
        $"NUKE tests: {Passed + Failed} ran ({Passed} passed, {Failed} failed), {Skipped} skipped"
        + (SkipReasons.Count == 0 ? "" : $": {string.Join("; ", SkipReasons)}");

    /// <summary>The counts in <paramref name="trxFile"/>; all zero when it is missing (the run broke before any test).</summary>
    public static NukeTestCounts Read(string trxFile)
    {
        if (!File.Exists(trxFile))
            return new NukeTestCounts(0, 0, 0, []);
        var results = XDocument.Load(trxFile).Descendants(Trx + "UnitTestResult")
            .Where(r => ((string?)r.Attribute("testName"))?.StartsWith(Namespace, StringComparison.Ordinal) == true)
            .ToList();
        var skipped = results.Where(r => (string?)r.Attribute("outcome") == "NotExecuted").ToList();
        return new NukeTestCounts(
            results.Count(r => (string?)r.Attribute("outcome") == "Passed"),
            results.Count(r => (string?)r.Attribute("outcome") == "Failed"),
            skipped.Count,
            [.. skipped.Select(r => string.Join(" ", r.Descendants(Trx + "Output").Select(o => o.Value.Trim()))).Where(t => t.Length > 0).Distinct()]);
    }
}
