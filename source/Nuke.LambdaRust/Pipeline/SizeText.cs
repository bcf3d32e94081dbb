using System.Globalization;

namespace Nuke.LambdaRust.Pipeline;

/// <summary>Sizes as people read them in a summary: <c>512 B</c>, <c>4.2 KB</c>, <c>1.2 MB</c>.</summary>
public static class SizeText
{
    /// <summary>Formats <paramref name="bytes"/> with one decimal in KB or MB (1024-based).</summary>
    public static string Of(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        _ => $"{bytes} B",
    };
}
