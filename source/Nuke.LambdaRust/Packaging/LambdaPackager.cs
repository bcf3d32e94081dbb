using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Elf;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Packaging;

/// <summary>Packages built binaries into Lambda-ready zips (or bare bootstraps), checked and reproducible.</summary>
internal static class LambdaPackager
{
    public static async Task<IReadOnlyList<LambdaPackage>> PackageAsync(PackageSettings settings, CancellationToken cancellationToken)
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

        var timestamp = settings.Timestamp ?? BootstrapZip.ResolveTimestamp();
        var packages = new List<LambdaPackage>();
        foreach (var binary in settings.Binaries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            packages.Add(await PackageOneAsync(binary, settings, timestamp, logger, cancellationToken).ConfigureAwait(false));
        }

        return packages;
    }

    private static async Task<LambdaPackage> PackageOneAsync(
        LambdaBinary binary, PackageSettings settings, DateTimeOffset timestamp, ILogger logger, CancellationToken cancellationToken)
    {
        var elf = ElfInspector.EnsureArchitecture(binary.Path, binary.Architecture);
        if (binary.Target.Glibc is { } cap && elf.MaxGlibcVersion is { } needed && needed > cap)
        {
            throw new LambdaRustException(
                $"{binary.Path} needs GLIBC_{needed}, but {binary.Name} must run with glibc {cap} ({binary.Target.TripleWithGlibc}); Lambda would fail to start it.",
                $"Build with the zig compiler (--compiler zig), which links against the runtime's glibc, or choose a runtime with glibc {needed} or newer (provided.al2023 has 2.34).");
        }

        if (ArtifactHashes.Of(binary.Path).Sha256Hex != binary.Hashes.Sha256Hex)
        {
            throw new LambdaRustException(
                $"The binary {binary.Path} changed after this run built it (another build wrote the same file).",
                "Build and package in one run, without another build in between.");
        }

        var config = binary.Config;
        var format = settings.OutputFormat ?? config.OutputFormat ?? OutputFormat.Zip;
        var extension = settings.Extension ?? config.Extension ?? false;
        var internalExtension = settings.Internal ?? config.Internal ?? false;
        var lambdaDirectory = PackageLayout.LambdaDirectory(settings.LambdaDirectory, config, binary.WorkspaceRoot, binary.TargetDirectory);
        if (internalExtension && !extension)
            logger.LogWarning("{Name}: 'internal' applies only to extensions (set 'extension' too); it is packaged as a function", binary.Name);
        if (config.Flatten == true)
            logger.LogWarning("{Name}: cargo-lambda's 'flatten' is not supported; the package goes to {Layout}", binary.Name, "<lambda dir>/<arch>/<function>/");
        var path = PackageLayout.PathFor(lambdaDirectory, binary.Architecture, binary.Name, extension, format);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        if (format == OutputFormat.Zip)
        {
            var entries = new List<ZipEntrySource> { new(PackageLayout.EntryFor(binary.Name, extension, internalExtension), binary.Path, Executable: true) };
            var packageDirectory = Path.GetDirectoryName(binary.Function.ManifestPath);
            foreach (var include in config.Include ?? [])
            {
                var spec = IncludeSpec.Parse(include, $"include in {string.Join(", ", config.Sources.DefaultIfEmpty(binary.Function.ManifestPath))}");
                entries.AddRange(spec.Resolve(binary.WorkspaceRoot, packageDirectory));
            }

            foreach (var include in settings.Includes)
                entries.AddRange(IncludeSpec.Parse(include, "--include").Resolve(binary.WorkspaceRoot));
            var hashes = await BootstrapZip.WriteAsync(path, entries, timestamp, cancellationToken).ConfigureAwait(false);
            DeleteStale(PackageLayout.PathFor(lambdaDirectory, binary.Architecture, binary.Name, extension, OutputFormat.Binary));
            logger.LogInformation("Packaged {Name} ({Architecture}) -> {Path} ({Size} bytes, sha256 {Sha256})",
                binary.Name, binary.Architecture.ToLambdaName(), path, hashes.Size, hashes.Sha256Hex);
            return new LambdaPackage(binary, path, format, hashes);
        }

        if (settings.Includes.Count > 0 || config.Include is { Count: > 0 })
            logger.LogWarning("Includes are only packaged in zip format; {Name} is written as a bare binary", binary.Name);
        await CopyExecutableAsync(binary.Path, path, cancellationToken).ConfigureAwait(false);
        DeleteStale(PackageLayout.PathFor(lambdaDirectory, binary.Architecture, binary.Name, extension, OutputFormat.Zip));
        var binaryHashes = ArtifactHashes.Of(path);
        logger.LogInformation("Copied {Name} ({Architecture}) -> {Path}", binary.Name, binary.Architecture.ToLambdaName(), path);
        return new LambdaPackage(binary, path, format, binaryHashes);
    }

    /// <summary>Copies through a temp file and a rename, so an interrupted copy never leaves a truncated bootstrap.</summary>
    private static async Task CopyExecutableAsync(string source, string destination, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var input = File.OpenRead(source))
            await using (var output = File.Create(temp))
                await input.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temp, (UnixFileMode)0b111_101_101);
            File.Move(temp, destination, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>A package of the other format from an earlier run would be stale next to this one.</summary>
    private static void DeleteStale(string path)
    {
        if (File.Exists(path))
            File.Delete(path);
    }
}
