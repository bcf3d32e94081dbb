using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Release;

/// <summary>
/// Combines the outputs of several Release runs (one CI job per function and architecture) into one release: every
/// zip checked against its manifest, one manifest and SHA256SUMS. Refuses an artifact that two parts both hold (a
/// conflicting hash says so), and parts built from different commits or tools.
/// </summary>
internal static class ReleaseMerge
{
    /// <summary>Reads and checks the parts; returns the merged manifest with each zip's source file.</summary>
    /// <exception cref="LambdaRustException">A part is missing or damaged, or the parts disagree.</exception>
    public static (ReleaseManifest Manifest, IReadOnlyDictionary<string, string> ZipSources) Plan(IReadOnlyList<string> directories, string origin)
    {
        if (directories.Count == 0)
            throw new LambdaRustException($"{origin} names no folders to merge.", $"Give the Release outputs to combine: {origin} parts/*.");

        var artifacts = new Dictionary<string, (ReleaseArtifact Artifact, string Directory)>(StringComparer.Ordinal);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        ReleaseInfo? info = null;
        string? infoFrom = null;
        foreach (var directory in directories.Select(Path.GetFullPath))
        {
            var manifestPath = Path.Combine(directory, ReleaseManifest.FileName);
            if (!File.Exists(manifestPath))
            {
                throw new LambdaRustException(
                    $"{origin}: '{directory}' holds no {ReleaseManifest.FileName}, so it is not a Release output.",
                    "Pass the folders that Release --output wrote (download every job's artifact first).");
            }

            var manifest = ReleaseManifest.Read(manifestPath);
            if (info is null)
            {
                (info, infoFrom) = (manifest.Release, directory);
            }
            else
            {
                var disagreement = Disagreement(info, manifest.Release);
                if (disagreement is not null)
                {
                    throw new LambdaRustException(
                        $"{origin}: '{directory}' and '{infoFrom}' were released from different builds ({disagreement}).",
                        "Merge only the outputs of one workflow run: every job must build the same commit with the same tools.");
                }

                info = info with
                {
                    Dirty = info.Dirty || manifest.Release.Dirty,
                    Rustc = Union(info.Rustc, manifest.Release.Rustc),
                    Cargo = Union(info.Cargo, manifest.Release.Cargo),
                };
            }

            foreach (var artifact in manifest.Artifacts)
            {
                var zip = Path.Combine(directory, artifact.Zip);
                if (!File.Exists(zip))
                    throw new LambdaRustException($"{origin}: {manifestPath} lists {artifact.Zip}, which is not in '{directory}'.", "Download the job's whole output folder, or release it again.");
                var hashes = ArtifactHashes.Of(zip);
                if (hashes.Sha256Hex != artifact.Sha256 || hashes.Size != artifact.Size)
                {
                    throw new LambdaRustException(
                        $"{origin}: {zip} does not match its manifest (sha256 {hashes.Sha256Hex}, the manifest says {artifact.Sha256}).",
                        "The file was changed or damaged after the release; release that function again.");
                }

                if (artifacts.TryGetValue(artifact.Key, out var earlier))
                {
                    throw new LambdaRustException(
                        earlier.Artifact.Sha256 == artifact.Sha256
                            ? $"{origin}: {artifact.Function} for {artifact.Architecture} is in both '{earlier.Directory}' and '{directory}'."
                            : $"{origin}: {artifact.Function} for {artifact.Architecture} has conflicting hashes: {earlier.Artifact.Sha256} in '{earlier.Directory}', {artifact.Sha256} in '{directory}'.",
                        "Give each function and architecture in exactly one part (one matrix job each), and merge only one workflow run's outputs.");
                }

                artifacts[artifact.Key] = (artifact, directory);
                sources[artifact.Zip] = zip;
            }
        }

        return (new ReleaseManifest(info!, artifacts.Values.Select(a => a.Artifact).ToList()), sources);
    }

    /// <summary>Writes the merged release into <paramref name="output"/>'s temporary folder.</summary>
    public static void Write(ReleaseOutput output, ReleaseManifest manifest, IReadOnlyDictionary<string, string> zipSources, ILogger logger)
    {
        foreach (var artifact in manifest.Sorted)
            File.Copy(zipSources[artifact.Zip], output.StagedPath(artifact.Zip));
        File.WriteAllText(output.StagedPath(Sha256Sums.FileName), Sha256Sums.Render(manifest.Artifacts));
        File.WriteAllText(output.StagedPath(ReleaseManifest.FileName), manifest.Render());
        logger.LogInformation("Merged {Count} artifacts", manifest.Artifacts.Count);
    }

    private static string? Disagreement(ReleaseInfo a, ReleaseInfo b) =>
        a.Commit != b.Commit ? $"commit {a.Commit ?? "(none)"} vs {b.Commit ?? "(none)"}"
        : Conflict(a.Rustc, b.Rustc) ?? Conflict(a.Cargo, b.Cargo)
        ?? (a.Zig != b.Zig ? $"zig {a.Zig ?? "(none)"} vs {b.Zig ?? "(none)"}"
            : a.LambdaRust != b.LambdaRust ? $"Nuke.LambdaRust {a.LambdaRust} vs {b.LambdaRust}"
            : null);

    /// <summary>Two parts built one architecture with different tools.</summary>
    private static string? Conflict(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Where(e => b.TryGetValue(e.Key, out var other) && other != e.Value).Select(e => $"{e.Key}: {e.Value} vs {b[e.Key]}").FirstOrDefault();

    private static IReadOnlyDictionary<string, string> Union(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        var union = new Dictionary<string, string>(a, StringComparer.Ordinal);
        foreach (var (key, value) in b)
            union[key] = value;
        return union;
    }
}
