namespace Nuke.LambdaRust.Release;

/// <summary>A release's <c>SHA256SUMS</c>: one <c>&lt;hex&gt;  &lt;file&gt;</c> line per zip, sorted by name, as <c>sha256sum -c</c> reads it.</summary>
internal static class Sha256Sums
{
    /// <summary>The file's name in a release folder.</summary>
    public const string FileName = "SHA256SUMS";

    /// <summary>The file's text, <c>\n</c> line ends on every platform.</summary>
    public static string Render(IEnumerable<ReleaseArtifact> artifacts) =>
        string.Concat(artifacts.OrderBy(a => a.Zip, StringComparer.Ordinal).Select(a => $"{a.Sha256}  {a.Zip}\n"));
}
