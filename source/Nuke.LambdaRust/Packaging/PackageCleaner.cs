using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Packaging;

/// <summary>
/// Deletes what packaging wrote, and only that: the files its <see cref="PackageOutputRecord"/> names that still hold the
/// bytes it wrote, then the folders it created once they are empty. Anything else in those folders is the user's; it is
/// left where it is, and named in the log.
/// </summary>
internal static class PackageCleaner
{
    // Enough to show what was kept without flooding the log when a user keeps a large folder there.
    private const int MaxNamedPerFolder = 20;

    /// <summary>Cleans each lambda directory (missing ones are skipped).</summary>
    /// <exception cref="LambdaRustException">A record is not one this tool wrote.</exception>
    public static PackageCleanReport Clean(IEnumerable<string> lambdaDirectories, ILogger logger, CancellationToken cancellationToken)
    {
        var deleted = new List<string>();
        var leftAlone = new List<string>();
        foreach (var directory in lambdaDirectories.Select(Path.GetFullPath).Distinct())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (FileKindProbe.Of(directory) != FileKind.Directory)
                continue;

            var record = PackageOutputRecord.Load(directory);
            if (record.IsEmpty)
            {
                if (PackageLayout.ArchitectureDirectories(directory).Any(Directory.Exists))
                    logger.LogInformation("{Directory} has no record of packages written by this tool ({Record}); nothing there is deleted", directory, PackageOutputRecord.FileName);
                continue;
            }

            CleanFiles(record, deleted, leftAlone, logger, cancellationToken);
            CleanFolders(record, deleted, leftAlone, logger);
            record.Save();
        }

        return new PackageCleanReport(deleted, leftAlone);
    }

    private static void CleanFiles(PackageOutputRecord record, List<string> deleted, List<string> leftAlone, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var (relative, hash) in record.Files.ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = record.FullPath(relative);
            record.RemoveFile(relative);
            var kind = FileKindProbe.Of(file);
            if (kind == FileKind.Missing)
                continue;

            if (kind != FileKind.Regular || ArtifactHashes.Of(file).Sha256Hex != hash)
            {
                leftAlone.Add(file);
                logger.LogInformation("Left {File}: it changed since this tool wrote it, so it is not ours to delete", file);
                continue;
            }

            logger.LogInformation("Deleting {File}", file);
            File.Delete(file);
            deleted.Add(file);
        }
    }

    /// <summary>Deepest first, so a folder emptied by deleting its recorded subfolders goes too.</summary>
    private static void CleanFolders(PackageOutputRecord record, List<string> deleted, List<string> leftAlone, ILogger logger)
    {
        var kept = new List<string>();
        foreach (var relative in record.Folders.OrderByDescending(f => f.Count(c => c == '/')).ThenBy(f => f, StringComparer.Ordinal).ToList())
        {
            var folder = record.FullPath(relative);
            if (FileKindProbe.Of(folder) != FileKind.Directory)
            {
                record.RemoveFolder(relative);
                continue;
            }

            if (Directory.EnumerateFileSystemEntries(folder).Any())
            {
                kept.Add(folder);
                continue;
            }

            Directory.Delete(folder);
            deleted.Add(folder);
            record.RemoveFolder(relative);
        }

        // Name what kept each folder: its entries that are not recorded folders (those are reported on their own) nor
        // files already named as changed.
        var keptSet = kept.ToHashSet(StringComparer.Ordinal);
        var named = leftAlone.ToHashSet(StringComparer.Ordinal);
        foreach (var folder in kept.OrderBy(f => f, StringComparer.Ordinal))
        {
            var foreign = Foreign(folder, keptSet).Where(path => !named.Contains(path)).ToList();
            foreach (var path in foreign.Take(MaxNamedPerFolder))
            {
                leftAlone.Add(path);
                logger.LogInformation("Left {Path}: this tool did not write it", path);
            }

            if (foreign.Count > MaxNamedPerFolder)
            {
                leftAlone.AddRange(foreign.Skip(MaxNamedPerFolder));
                logger.LogInformation("Left {Count} more files in {Folder} that this tool did not write", foreign.Count - MaxNamedPerFolder, folder);
            }

            logger.LogInformation("Kept {Folder}: it holds files this tool did not write", folder);
        }
    }

    /// <summary>The files below <paramref name="folder"/> outside the recorded folders, links not followed; empty folders by name.</summary>
    private static IEnumerable<string> Foreign(string folder, HashSet<string> recordedFolders)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
        {
            if (recordedFolders.Contains(entry))
                continue;
            if (FileKindProbe.Of(entry) != FileKind.Directory)
            {
                yield return entry;
                continue;
            }

            var any = false;
            foreach (var inner in Foreign(entry, recordedFolders))
            {
                any = true;
                yield return inner;
            }

            if (!any)
                yield return entry;
        }
    }
}
