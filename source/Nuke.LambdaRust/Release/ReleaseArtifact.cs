namespace Nuke.LambdaRust.Release;

/// <summary>One zip of a release, as <c>manifest.json</c> lists it.</summary>
/// <param name="Function">The function (binary target).</param>
/// <param name="Package">Its cargo package.</param>
/// <param name="Version">The package's version (workspace inheritance resolved).</param>
/// <param name="Architecture"><c>arm64</c> or <c>x86_64</c>, as Lambda names it.</param>
/// <param name="Runtime">The Lambda runtime it was built for, e.g. <c>provided.al2023</c>.</param>
/// <param name="Zip">The zip's path relative to the release folder: <c>&lt;function&gt;-&lt;arch&gt;.zip</c>.</param>
/// <param name="Size">The zip's size in bytes.</param>
/// <param name="Sha256">The zip's SHA-256, lower-case hex (as in SHA256SUMS).</param>
/// <param name="CodeSha256">The zip's SHA-256 in base64, as Lambda reports it.</param>
/// <param name="Glibc">The highest glibc version the bootstrap needs; null when it needs none (static).</param>
/// <param name="BinarySha256">The bootstrap executable's SHA-256: an unchanged binary is not zipped again.</param>
public sealed record ReleaseArtifact(
    string Function,
    string Package,
    string Version,
    string Architecture,
    string Runtime,
    string Zip,
    long Size,
    string Sha256,
    string CodeSha256,
    string? Glibc,
    string BinarySha256)
{
    /// <summary>The <c>function/architecture</c> pair that names it in a release.</summary>
    public string Key => $"{Function}/{Architecture}";

    /// <summary>The zip name a release gives a function's package for an architecture.</summary>
    public static string ZipName(string function, string architecture) => $"{function}-{architecture}.zip";
}
