using System.Security.Cryptography;

namespace Nuke.LambdaRust.Model;

/// <summary>The size and checksums of a built artifact, in the forms people compare them.</summary>
/// <param name="Size">The size in bytes.</param>
/// <param name="Sha256Hex">The SHA-256, lower-case hex (what <c>sha256sum</c> prints).</param>
/// <param name="CodeSha256">The SHA-256 bytes in base64: what Lambda reports as <c>CodeSha256</c> for a function's zip.</param>
public sealed record ArtifactHashes(long Size, string Sha256Hex, string CodeSha256)
{
    /// <summary>Hashes a file on disk.</summary>
    /// <exception cref="LambdaRustException">The file does not exist.</exception>
    public static ArtifactHashes Of(string file)
    {
        if (!File.Exists(file))
        {
            throw new LambdaRustException(
                $"Cannot hash '{file}': the file does not exist.",
                "Build or package the artifact first, or check the path.");
        }

        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return Of(stream);
    }

    /// <summary>Hashes the whole of a seekable stream (from its start), e.g. a file still being held open.</summary>
    internal static ArtifactHashes Of(Stream stream)
    {
        stream.Position = 0;
        var hash = SHA256.HashData(stream);
        return new ArtifactHashes(stream.Length, Convert.ToHexString(hash).ToLowerInvariant(), Convert.ToBase64String(hash));
    }
}
