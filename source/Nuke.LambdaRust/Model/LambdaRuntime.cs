namespace Nuke.LambdaRust.Model;

/// <summary>
/// An OS-only Lambda runtime, and the glibc it ships. The glibc decides the newest symbol version a binary may need.
/// </summary>
/// <param name="Identifier">Lambda's runtime identifier, e.g. <c>provided.al2023</c>.</param>
/// <param name="Glibc">The glibc version of the runtime's Amazon Linux.</param>
public sealed record LambdaRuntime(string Identifier, Version Glibc)
{
    /// <summary>Amazon Linux 2023, glibc 2.34 (the default).</summary>
    public static LambdaRuntime ProvidedAl2023 { get; } = new("provided.al2023", new Version(2, 34));

    /// <summary>Amazon Linux 2, glibc 2.26.</summary>
    public static LambdaRuntime ProvidedAl2 { get; } = new("provided.al2", new Version(2, 26));

    /// <summary>Every runtime we know, default first.</summary>
    public static IReadOnlyList<LambdaRuntime> All { get; } = [ProvidedAl2023, ProvidedAl2];

    /// <summary>Parses <c>provided.al2023</c> or <c>provided.al2</c> (also <c>al2023</c> / <c>al2</c>).</summary>
    public static LambdaRuntime Parse(string value)
    {
        var normalized = value.Trim().ToLowerInvariant();
        foreach (var runtime in All)
        {
            if (normalized == runtime.Identifier || "provided." + normalized == runtime.Identifier)
                return runtime;
        }

        throw new LambdaRustException(
            $"Unknown Lambda runtime '{value}'.",
            $"Use one of: {string.Join(", ", All.Select(r => r.Identifier))}.");
    }

    /// <inheritdoc />
    public override string ToString() => Identifier;
}
