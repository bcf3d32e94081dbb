using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Packaging;

/// <summary>
/// Everything a package's bytes depend on, as one SHA-256: the writer (our version, the runtime's deflate), the zip
/// timestamp, and every entry's name, mode and content hash. Packaging keeps it in the <see cref="PackageOutputRecord"/>;
/// when a run finds the same fingerprint and the earlier output untouched, writing it again would give the same bytes, so
/// the package is kept as it is (a warm no-op writes nothing, and the file's time does not move).
/// </summary>
internal static class PackageFingerprint
{
    /// <summary>Bumped whenever the writer would write other bytes for the same input.</summary>
    private const string WriterFormat = "lambda-rust package 2";

    private static readonly string Writer = string.Join("\n",
        WriterFormat,
        typeof(PackageFingerprint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
        typeof(DeflateStream).Assembly.GetName().Version?.ToString() ?? "",
        Environment.Version.ToString());

    /// <summary>The fingerprint of a zip of <paramref name="entries"/>; <paramref name="binary"/>'s hash is known from the build and not read again.</summary>
    public static string OfZip(IReadOnlyList<PlannedZipEntry> entries, DosTimestamp timestamp, LambdaBinary binary, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(Writer).Append("\nzip ").Append(timestamp.Date).Append(' ').Append(timestamp.Time);
        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            text.Append('\n').Append(entry.Name).Append('\t');
            if (entry.Source is not { } source)
                continue; // a folder: its name is all of it
            text.Append(source.Executable ? "755" : "644").Append('\t').Append(ContentHash(source, binary));
        }

        return Hash(text.ToString());
    }

    /// <summary>The fingerprint of a bare bootstrap copied as it is.</summary>
    public static string OfBinary(LambdaBinary binary) => Hash($"{Writer}\nbinary\t{binary.Hashes.Sha256Hex}");

    private static string ContentHash(ZipEntrySource source, LambdaBinary binary)
    {
        if (source.Content is { } content)
            return Convert.ToHexString(SHA256.HashData(content.Span)).ToLowerInvariant();
        var file = source.SourceFile!;
        if (string.Equals(Path.GetFullPath(file), Path.GetFullPath(binary.Path), StringComparison.Ordinal))
            return binary.Hashes.Sha256Hex;
        // An include that is gone or unreadable: the real write reports it; here it only means "not the same".
        return FileKindProbe.OfTarget(file) == FileKind.Regular ? ArtifactHashes.Of(file).Sha256Hex : "missing";
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
}
