namespace Nuke.LambdaRust.Model;

/// <summary>
/// The glibc versions a build can target: what zig 0.11 links against for both Lambda architectures (aarch64 glibc
/// starts at 2.17; zig's newest is 2.38). Anything outside fails deep inside the linker or is silently treated as the
/// newest, so it is refused up front.
/// </summary>
public static class GlibcVersions
{
    /// <summary>The oldest glibc we target: 2.17, the first with aarch64.</summary>
    public static Version Minimum { get; } = new(2, 17);

    /// <summary>The newest glibc zig 0.11 knows: 2.38.</summary>
    public static Version Maximum { get; } = new(2, 38);

    /// <summary>Parses <c>2.26</c>-style text and checks it is in range.</summary>
    /// <param name="value">The text, e.g. <c>2.26</c>.</param>
    /// <param name="source">Where it came from, for the error: <c>--glibc</c>, a config target.</param>
    /// <exception cref="LambdaRustException">Not a <c>major.minor</c> glibc version, or out of range.</exception>
    public static Version Parse(string value, string source)
    {
        if (!Version.TryParse(value.Trim(), out var version) || version.Build >= 0)
        {
            throw new LambdaRustException(
                $"Invalid glibc version '{value}' ({source}).",
                $"Give major.minor between {Minimum} and {Maximum}, e.g. 2.26 (provided.al2) or 2.34 (provided.al2023).");
        }

        return Check(version, source);
    }

    /// <summary>Checks that <paramref name="version"/> is one we can target.</summary>
    /// <exception cref="LambdaRustException">Out of range.</exception>
    public static Version Check(Version version, string source) =>
        version >= Minimum && version <= Maximum
            ? version
            : throw new LambdaRustException(
                $"glibc {version} ({source}) cannot be targeted: zig links for glibc {Minimum} to {Maximum}.",
                $"Give a version between {Minimum} and {Maximum}; Lambda's runtimes have 2.26 (provided.al2) and 2.34 (provided.al2023).");
}
