using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Packaging;

/// <summary>
/// Packages built binaries into Lambda-ready zips (or bare bootstraps), checked and reproducible. A run is all or nothing:
/// every package is checked and planned, then written to a temporary file beside its destination, then verified, and only
/// then are they all moved into place; a failure before the moves replaces nothing. What it wrote is recorded in each
/// lambda directory (<see cref="PackageOutputRecord"/>) so that Clean deletes only that.
/// </summary>
internal static class LambdaPackager
{
    /// <param name="settings">What to package.</param>
    /// <param name="checkBinaries">
    /// The artifact rules (Checks' binary rules: ELF machine, glibc, runtime libraries), run on every binary before
    /// anything is written; they live a layer above packaging, so the caller passes them in.
    /// </param>
    /// <param name="cancellationToken">Stops packaging.</param>
    public static async Task<IReadOnlyList<LambdaPackage>> PackageAsync(
        PackageSettings settings, Action<IReadOnlyList<LambdaBinary>, ILogger> checkBinaries, CancellationToken cancellationToken)
    {
        var logger = settings.Logger ?? NullLogger.Instance;
        if (settings.Binaries.Count == 0)
            throw new LambdaRustException("Nothing to package: no binaries were given.", "Pass the result of a build: Package(s => s.SetBinaries(built)).");

        var duplicate = settings.Binaries.GroupBy(b => (b.Name, b.Architecture)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new LambdaRustException(
                $"The function '{duplicate.Key.Name}' was given twice for {duplicate.Key.Architecture.ToLambdaName()}; the packages would overwrite each other.",
                "Package each build result once (build different profiles into different lambda directories).");
        }

        if (settings.Flatten is { } flatten && settings.Binaries.All(b => b.Name != flatten))
        {
            throw new LambdaRustException(
                $"--flatten names '{flatten}', which is not a function of this build ({string.Join(", ", settings.Binaries.Select(b => b.Name).Distinct())}).",
                "Flatten one of the functions built in this run.");
        }

        // First: when another build replaced a binary, every check would judge the wrong file.
        foreach (var binary in settings.Binaries.Where(b => ArtifactHashes.Of(b.Path).Sha256Hex != b.Hashes.Sha256Hex))
            throw Changed(binary);

        checkBinaries(settings.Binaries, logger);
        var timestamp = DosTimestamp.From(settings.Timestamp ?? BootstrapZip.ResolveTimestamp());
        var layout = ChooseLayout(settings, logger);
        var plans = new List<PackagePlan>();
        foreach (var binary in settings.Binaries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            plans.Add(Plan(binary, settings, layout, timestamp, logger, cancellationToken));
        }

        var clash = plans.GroupBy(p => p.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new LambdaRustException(
                $"{string.Join(" and ", clash.Select(p => $"{p.Binary.Name} ({p.Binary.Architecture.ToLambdaName()})"))} would all be written to {clash.Key}.",
                "Flatten at most one function (--flatten / flatten), and give extensions and functions distinct names.");
        }

        var records = plans.Select(p => p.LambdaDirectory).Distinct().ToDictionary(d => d, PackageOutputRecord.Load);
        // A package made from exactly these inputs, and untouched since, would be written again byte for byte: keep it.
        var kept = plans.Select(p => records[p.LambdaDirectory].Unchanged(p.Path, p.Fingerprint)).ToList();
        var createdFolders = new List<string>();
        var staged = new List<StagedOutput?>();
        try
        {
            for (var i = 0; i < plans.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                staged.Add(kept[i] is null ? await StageAsync(plans[i], timestamp, createdFolders, logger, cancellationToken).ConfigureAwait(false) : null);
            }

            Verify(plans, staged);
            cancellationToken.ThrowIfCancellationRequested();
            var outputs = staged.Select((s, i) => new PackageOutput(s, s?.Hashes ?? kept[i]!)).ToList();
            return Commit(plans, outputs, records, createdFolders, logger);
        }
        finally
        {
            foreach (var output in staged)
                output?.Dispose();
            RemoveIfEmpty(createdFolders);
        }
    }

    /// <summary>Moves every staged package into place, then records and reports them (kept ones too).</summary>
    /// <exception cref="LambdaRustException">A move failed: the message names the outputs replaced and those not.</exception>
    private static IReadOnlyList<LambdaPackage> Commit(
        IReadOnlyList<PackagePlan> plans, IReadOnlyList<PackageOutput> outputs, IReadOnlyDictionary<string, PackageOutputRecord> records,
        IReadOnlyList<string> createdFolders, ILogger logger)
    {
        var done = 0;
        try
        {
            for (; done < outputs.Count; done++)
                outputs[done].Staged?.Commit();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Record(plans.Take(done), outputs, records, createdFolders, logger);
            var replaced = outputs.Take(done).Select(o => o.Staged?.Destination).OfType<string>().ToList();
            var kept = plans.Where((_, i) => outputs[i].Staged is null).Select(p => p.Path).ToList();
            throw new LambdaRustException(
                $"Package failed while moving the packages into place: {outputs[done].Staged!.Destination} could not be replaced ({exception.Message}). " +
                $"Replaced by this run: {(replaced.Count == 0 ? "none" : string.Join(", ", replaced))}. " +
                $"Not replaced (still from an earlier run, or absent): {string.Join(", ", outputs.Skip(done).Select(o => o.Staged?.Destination).OfType<string>())}." +
                (kept.Count == 0 ? "" : $" Unchanged, so kept as they were: {string.Join(", ", kept)}."),
                "Fix what kept the file from being replaced (a folder of that name, permissions, another process holding it), then run Package again; it writes every package anew.",
                exception);
        }

        Record(plans, outputs, records, createdFolders, logger);
        var packages = new List<LambdaPackage>();
        for (var i = 0; i < plans.Count; i++)
        {
            var (plan, hashes) = (plans[i], outputs[i].Hashes);
            var binary = plan.Binary;
            var kept = outputs[i].Staged is null ? ", unchanged since it was written: kept as it is" : "";
            if (plan.Format == OutputFormat.Zip)
                logger.LogInformation("Packaged {Name} ({Architecture}) -> {Path} ({Size} bytes, sha256 {Sha256}){Kept}",
                    binary.Name, binary.Architecture.ToLambdaName(), plan.Path, hashes.Size, hashes.Sha256Hex, kept);
            else
                logger.LogInformation("Copied {Name} ({Architecture}) -> {Path}{Kept}", binary.Name, binary.Architecture.ToLambdaName(), plan.Path, kept);
            packages.Add(new LambdaPackage(binary, plan.Path, plan.Format, hashes));
        }

        return packages;
    }

    /// <summary>
    /// cargo-lambda's layout for one architecture, so deploy tools find the packages where they look; a folder per
    /// architecture when a run packages several, which cargo-lambda's layout would let overwrite each other.
    /// </summary>
    private static OutputLayout ChooseLayout(PackageSettings settings, ILogger logger)
    {
        var architectures = settings.Binaries.Select(b => b.Architecture).Distinct().OrderBy(a => a).ToList();
        if (settings.Layout == OutputLayout.CargoLambda && architectures.Count > 1)
        {
            var both = settings.Binaries.GroupBy(b => b.Name).First(g => g.Select(b => b.Architecture).Distinct().Count() > 1).Key;
            throw new LambdaRustException(
                $"The cargo-lambda layout (--layout cargo-lambda) has no architecture folder, so the {string.Join(" and ", architectures.Select(a => a.ToLambdaName()))} packages of '{both}' would both be <lambda dir>/{both}/bootstrap.zip.",
                "Package one architecture per run with that layout (--arch arm64), or use --layout by-arch, which writes <lambda dir>/<arch>/<function>/.");
        }

        if (settings.Layout is { } chosen)
            return chosen;
        if (architectures.Count <= 1)
            return OutputLayout.CargoLambda;
        logger.LogInformation(
            "Packaging {Architectures} in one run: each architecture gets its own folder, <lambda dir>/<arch>/<function>/ (a run for one architecture writes where cargo-lambda does, <lambda dir>/<function>/)",
            string.Join(" and ", architectures.Select(a => a.ToLambdaName())));
        return OutputLayout.ByArchitecture;
    }

    /// <summary>Everything about one package that can be known and checked before anything is written.</summary>
    private static PackagePlan Plan(
        LambdaBinary binary, PackageSettings settings, OutputLayout layout, DosTimestamp timestamp, ILogger logger, CancellationToken cancellationToken)
    {
        var config = binary.Config;
        var format = settings.OutputFormat ?? config.OutputFormat ?? OutputFormat.Zip;
        var extension = settings.Extension ?? config.Extension ?? false;
        var internalExtension = settings.Internal ?? config.Internal ?? false;
        var lambdaDirectory = PackageLayout.LambdaDirectory(settings.LambdaDirectory, config, binary.WorkspaceRoot, binary.TargetDirectory);
        if (internalExtension && !extension)
            logger.LogWarning("{Name}: 'internal' applies only to extensions (set 'extension' too); it is packaged as a function", binary.Name);
        var flatten = settings.Flatten is { } flattened ? flattened == binary.Name : config.Flatten == true;
        if (flatten && extension)
            logger.LogWarning("{Name}: flatten applies to functions only, as in cargo-lambda; the extension goes to <lambda dir>/extensions/", binary.Name);
        var path = PackageLayout.PathFor(lambdaDirectory, binary.Architecture, binary.Name, extension, format, layout, flatten);
        var otherFormat = format == OutputFormat.Zip ? OutputFormat.Binary : OutputFormat.Zip;
        var stale = PackageLayout.PathFor(lambdaDirectory, binary.Architecture, binary.Name, extension, otherFormat, layout, flatten);
        if (Directory.Exists(path))
        {
            throw new LambdaRustException(
                $"Cannot write the package {path}: a folder with that name exists.",
                "Remove or rename the folder, or package into another lambda directory (--lambda-dir).");
        }

        if (format != OutputFormat.Zip)
        {
            if (settings.Includes.Count > 0 || config.Include is { Count: > 0 })
                logger.LogWarning("Includes are only packaged in zip format; {Name} is written as a bare binary", binary.Name);
            return new PackagePlan(binary, lambdaDirectory, path, format, stale, null, PackageFingerprint.OfBinary(binary));
        }

        // Includes may leave the workspace, as cargo-lambda's shared:../shared does, but never the repository it is in.
        var allowedRoot = RepositoryRoot.Of(binary.WorkspaceRoot);
        var entries = new List<ZipEntrySource> { new(PackageLayout.EntryFor(binary.Name, extension, internalExtension), binary.Path, Executable: true) };
        if (extension && !internalExtension)
            entries.Add(ZipEntrySource.ForDirectory("extensions/")); // Lambda unpacks external extensions from /opt/extensions
        var packageDirectory = Path.GetDirectoryName(binary.Function.ManifestPath);
        // As in cargo-lambda, includes given here replace the config's list, unless they are to be merged (its --admerge).
        var configIncludes = settings.Includes.Count > 0 && !settings.MergeIncludes ? [] : config.Include ?? [];
        foreach (var include in configIncludes)
        {
            var spec = IncludeSpec.Parse(include, $"include in {string.Join(", ", config.Sources.DefaultIfEmpty(binary.Function.ManifestPath))}");
            entries.AddRange(spec.Resolve(allowedRoot, binary.WorkspaceRoot, packageDirectory, cancellationToken));
        }

        foreach (var include in settings.Includes)
            entries.AddRange(IncludeSpec.Parse(include, "--include").Resolve(allowedRoot, binary.WorkspaceRoot, cancellationToken: cancellationToken));
        var planned = ZipEntryPlanner.Plan(entries);
        return new PackagePlan(binary, lambdaDirectory, path, format, stale, planned, PackageFingerprint.OfZip(planned, timestamp, binary, cancellationToken));
    }

    /// <summary>Writes one package to its temporary file, after removing the ones a killed run left for it.</summary>
    private static async Task<StagedOutput> StageAsync(PackagePlan plan, DosTimestamp timestamp, List<string> createdFolders, ILogger logger, CancellationToken cancellationToken)
    {
        NoteMissingFolders(Path.GetDirectoryName(plan.Path)!, createdFolders);
        foreach (var abandoned in StagedOutput.RemoveAbandoned(plan.Path).Concat(StagedOutput.RemoveAbandoned(plan.StalePath)))
            logger.LogInformation("Removed {File}, left by an interrupted run", abandoned);

        if (plan.Entries is { } entries)
            return await BootstrapZip.StageAsync(plan.Path, entries, timestamp, cancellationToken).ConfigureAwait(false);

        StagedOutput? staged = null;
        try
        {
            staged = StagedOutput.Create(plan.Path);
            await using (var input = new FileStream(plan.Binary.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous))
                await input.CopyToAsync(staged.Stream, cancellationToken).ConfigureAwait(false);
            staged.MakeExecutable();
            staged.Complete();
            return staged;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            staged?.Dispose();
            throw new LambdaRustException(
                $"Cannot write the package {plan.Path}: {exception.Message}",
                "Check that the folder is writable and the disk has space.",
                exception);
        }
        catch
        {
            staged?.Dispose();
            throw;
        }
    }

    /// <summary>The binaries must still be the ones that were built and checked: another build may have written them meanwhile.</summary>
    private static void Verify(IReadOnlyList<PackagePlan> plans, IReadOnlyList<StagedOutput?> staged)
    {
        for (var i = 0; i < plans.Count; i++)
        {
            var binary = plans[i].Binary;
            var unchanged = ArtifactHashes.Of(binary.Path).Sha256Hex == binary.Hashes.Sha256Hex
                            && (plans[i].Format == OutputFormat.Zip || staged[i] is null || staged[i]!.Hashes!.Sha256Hex == binary.Hashes.Sha256Hex);
            if (!unchanged)
                throw Changed(binary);
        }
    }

    /// <summary>
    /// Records the committed outputs (and the folders this run created) in their lambda directories, and removes a package
    /// of the other format from an earlier run, which would be stale next to the new one, when the record says it is ours.
    /// </summary>
    private static void Record(
        IEnumerable<PackagePlan> committed, IReadOnlyList<PackageOutput> outputs, IReadOnlyDictionary<string, PackageOutputRecord> records,
        IReadOnlyList<string> createdFolders, ILogger logger)
    {
        var index = 0;
        foreach (var plan in committed)
        {
            var record = records[plan.LambdaDirectory];
            record.AddFile(plan.Path, outputs[index++].Hashes.Sha256Hex, plan.Fingerprint);
            if (FileKindProbe.Of(plan.StalePath) == FileKind.Missing)
                continue;
            if (record.Owns(plan.StalePath))
            {
                File.Delete(plan.StalePath);
                record.RemoveFileAt(plan.StalePath);
            }
            else
            {
                logger.LogWarning("Left {File} beside the new package: it is not recorded as written by this tool", plan.StalePath);
            }
        }

        foreach (var record in records.Values)
        {
            foreach (var folder in createdFolders)
                record.AddFolder(folder);
            try
            {
                record.Save();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning("Could not record the packages in {Record} ({Message}); Clean will not delete them", record.RecordPath, exception.Message);
            }
        }
    }

    /// <summary>Adds the folders from <paramref name="folder"/> up that do not exist yet (outermost first): this run creates them.</summary>
    private static void NoteMissingFolders(string folder, List<string> createdFolders)
    {
        var missing = new List<string>();
        for (var current = folder; current is not null && !Directory.Exists(current); current = Path.GetDirectoryName(current))
            missing.Add(current);
        missing.Reverse();
        createdFolders.AddRange(missing.Where(f => !createdFolders.Contains(f)));
    }

    /// <summary>After a failure the folders this run created hold nothing: remove them, deepest first.</summary>
    private static void RemoveIfEmpty(IReadOnlyList<string> createdFolders)
    {
        foreach (var folder in createdFolders.OrderByDescending(f => f.Length))
        {
            try
            {
                if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
                    Directory.Delete(folder);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    private static LambdaRustException Changed(LambdaBinary binary) => new(
        $"The binary {binary.Path} changed after this run built it (another build wrote the same file).",
        "Build and package in one run, without another build in between.");

    /// <summary>One package, planned: where it goes and what it holds (<see cref="Entries"/> is null for a bare binary).</summary>
    private sealed record PackagePlan(
        LambdaBinary Binary, string LambdaDirectory, string Path, OutputFormat Format, string StalePath, IReadOnlyList<PlannedZipEntry>? Entries,
        string Fingerprint);

    /// <summary>One package's output: written to a temporary file by this run (<see cref="Staged"/>), or kept from an earlier one (null).</summary>
    private sealed record PackageOutput(StagedOutput? Staged, ArtifactHashes Hashes);
}
