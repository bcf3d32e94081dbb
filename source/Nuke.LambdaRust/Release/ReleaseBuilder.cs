using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Checks;
using Nuke.LambdaRust.Elf;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Processes;
using Nuke.LambdaRust.Runtime;
using Nuke.LambdaRust.Toolchain;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Release;

/// <summary>
/// A monorepo release: the selected functions (a change since a ref narrows them) for every architecture, one cargo
/// run per architecture for all of them, zips packaged in parallel (an unchanged binary's zip taken over from the
/// previous release), Verify, an optional smoke invocation of every artifact, then SHA256SUMS and manifest.json;
/// written beside the release folder and moved into place only when all of it succeeded.
/// </summary>
internal static class ReleaseBuilder
{
    /// <summary>Both architectures: a release ships what Lambda runs.</summary>
    public static readonly IReadOnlyList<LambdaArchitecture> AllArchitectures = [LambdaArchitecture.Arm64, LambdaArchitecture.X86_64];

    /// <summary>Every loaded function, in or out of the release, and why (all in without <see cref="ReleaseSettings.ChangedSince"/>).</summary>
    public static async Task<IReadOnlyList<FunctionChange>> SelectAsync(ReleaseSettings settings, LoadedProject project, CancellationToken cancellationToken)
    {
        var logger = settings.Logger ?? NullLogger.Instance;
        var functions = project.Functions.Select(f => f.Function).ToList();
        if (settings.ChangedSince is not { Length: > 0 } reference)
            return functions.Select(f => new FunctionChange(f, true, ["selected"])).ToList();
        return await ChangeDetector.DetectAsync(project.Workspace, functions, reference, settings.OptionNames.ChangedSince, settings.Build.Offline || settings.Build.Frozen,
            logger, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The architectures a release builds: the settings', else both.</summary>
    public static IReadOnlyList<LambdaArchitecture> Architectures(ReleaseSettings settings) =>
        settings.Build.Architectures.Count > 0 ? settings.Build.Architectures : AllArchitectures;

    /// <summary>Builds, checks and writes the release.</summary>
    /// <param name="settings">What to release.</param>
    /// <param name="project">The workspace with the selected functions, when already loaded.</param>
    /// <param name="cancellationToken">Stops cargo, packaging and the smoke test; the previous release stays.</param>
    public static async Task<ReleaseReport> ReleaseAsync(ReleaseSettings settings, LoadedProject? project, CancellationToken cancellationToken)
    {
        var logger = settings.Logger ?? NullLogger.Instance;
        var build = settings.Build with { Logger = settings.Build.Logger ?? logger };
        project ??= await LambdaBuilder.LoadAsync(build, cancellationToken).ConfigureAwait(false);
        var workspace = project.Workspace;
        var names = settings.OptionNames;

        // Everything that can be checked is, before the long compile.
        var smokeEvent = settings.SmokeEvent is { Length: > 0 } eventFile ? InvokeEvent.FromFile(Path.GetFullPath(eventFile, workspace.WorkspaceRoot)) : null;
        var architectures = Architectures(settings);
        if (smokeEvent is not null && LambdaArchitectures.Host is { } host)
        {
            foreach (var architecture in architectures.Where(a => a != host))
                BootstrapLaunch.FindEmulator(architecture, host, Environment.GetEnvironmentVariable);
        }

        var changes = await SelectAsync(settings, project, cancellationToken).ConfigureAwait(false);
        foreach (var change in changes)
            logger.LogInformation("{Change}", change.ToString());
        var included = changes.Where(c => c.Included).Select(c => c.Function).ToHashSet();
        if (included.Count == 0)
        {
            throw new LambdaRustException(
                settings.ChangedSince is { } reference
                    ? $"Nothing to release: no selected function changed since {reference} (each one's reason is above)."
                    : "Nothing to release: the selection has no function.",
                settings.ChangedSince is not null
                    ? $"Drop {names.ChangedSince} to release every function, or give an older ref."
                    : $"Select functions that exist with {names.Function}, or drop it to release all of them.");
        }

        var outputDirectory = Path.GetFullPath(settings.OutputDirectory ?? ReleaseSettings.DefaultOutput, workspace.WorkspaceRoot);
        var targetDirectory = LambdaBuilder.TargetDirectoryOf(build, workspace);
        var git = await GitAsync(workspace.WorkspaceRoot, [outputDirectory, targetDirectory], logger, cancellationToken).ConfigureAwait(false);
        var previous = PreviousManifest(outputDirectory, logger);
        using var output = ReleaseOutput.Open(outputDirectory, names.Output);

        var sccache = await StartSccacheAsync(settings, build, logger, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<LambdaBinary> binaries;
        SccacheStats? stats = null;
        try
        {
            build = ReleaseBuild(build, architectures, sccache);
            var allowed = CheckRules.ParseAllowed(settings.AllowedRules, "AllowedRules");
            var selected = new LoadedProject(workspace, project.Functions.Where(f => included.Contains(f.Function)).ToList());
            binaries = await LambdaBuilder.BuildAsync(build,
                (built, log) => BinaryChecks.Ensure("Release", built, build.Runtime, allowed, null, log), cancellationToken, selected).ConfigureAwait(false);
            if (sccache is not null)
            {
                stats = await sccache.FinishAsync(cancellationToken).ConfigureAwait(false);
                logger.LogInformation("{Stats}", stats.ToString());
                sccache = null;
            }
        }
        finally
        {
            if (sccache is not null)
                await sccache.StopIfStartedAsync().ConfigureAwait(false);
        }

        // The binaries stay as cargo left them (no Clean or build from another process) until they are zipped and smoke-tested.
        using var targetLocks = await TargetDirectoryLock.AcquireAllAsync(binaries.Select(b => b.TargetDirectory).Distinct(), logger, cancellationToken)
            .ConfigureAwait(false);
        var (packages, counts) = await PackageAsync(settings, binaries, previous, output, logger, cancellationToken).ConfigureAwait(false);
        var report = PackageVerifier.Verify(new VerifySettings { Packages = packages, Runtime = build.Runtime, AllowedRules = settings.AllowedRules, Logger = logger });
        PackageVerifier.ThrowIfFailed(report);
        if (smokeEvent is not null)
            await SmokeTestAsync(packages, smokeEvent, logger, cancellationToken).ConfigureAwait(false);

        var info = await InfoAsync(build, binaries, git, logger, cancellationToken).ConfigureAwait(false);
        var artifacts = packages.Select(p => Artifact(p, workspace)).ToList();
        var manifest = new ReleaseManifest(info, artifacts);
        await File.WriteAllTextAsync(output.StagedPath(Sha256Sums.FileName), Sha256Sums.Render(artifacts), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(output.StagedPath(ReleaseManifest.FileName), manifest.Render(), cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        output.Commit();
        logger.LogInformation("Released {Count} artifacts to {Directory}", artifacts.Count, output.Directory);
        return new ReleaseReport(output.Directory, manifest, counts.Rebuilt, counts.Repackaged, counts.Unchanged,
            settings.ChangedSince is null ? [] : changes, stats);
    }

    /// <summary>Combines Release outputs into one release (see <see cref="ReleaseMerge"/>).</summary>
    public static Task<ReleaseReport> MergeAsync(ReleaseSettings settings, IReadOnlyList<string> directories, string baseDirectory, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var logger = settings.Logger ?? NullLogger.Instance;
        var outputDirectory = Path.GetFullPath(settings.OutputDirectory ?? ReleaseSettings.DefaultOutput, baseDirectory);
        var parts = directories.Select(d => Path.GetFullPath(d, baseDirectory)).ToList();
        if (parts.Any(p => string.Equals(p, outputDirectory, StringComparison.Ordinal)))
        {
            throw new LambdaRustException(
                $"{settings.OptionNames.Merge} names the output folder {outputDirectory} as one of its parts.",
                $"Write the merged release elsewhere ({settings.OptionNames.Output} artifacts/release) than the parts.");
        }

        var (manifest, sources) = ReleaseMerge.Plan(parts, settings.OptionNames.Merge);
        using var output = ReleaseOutput.Open(outputDirectory, settings.OptionNames.Output);
        ReleaseMerge.Write(output, manifest, sources, logger);
        output.Commit();
        return Task.FromResult(new ReleaseReport(output.Directory, manifest, 0, 0, manifest.Artifacts.Count, [], null));
    }

    /// <summary>The build a release runs: release profile unless said otherwise, the architectures, zig's wrappers at a path every target directory shares (sccache keys on the linker's path).</summary>
    private static LambdaBuildSettings ReleaseBuild(LambdaBuildSettings build, IReadOnlyList<LambdaArchitecture> architectures, SccacheSession? sccache)
    {
        build = build with
        {
            Architectures = architectures,
            Release = build.Release ?? (build.Profile is null ? true : null),
        };
        if (sccache is not null)
            build = build with { EnvironmentVariables = new Dictionary<string, string>(build.EnvironmentVariables) { ["RUSTC_WRAPPER"] = sccache.Program } };
        if (build is ZigBuildSettings { WrapperDirectory: null } zig)
            build = zig with { WrapperDirectory = Path.Combine(ToolCache.ToolsDirectory(), "zig-wrappers") };
        return build;
    }

    private static async Task<SccacheSession?> StartSccacheAsync(ReleaseSettings settings, LambdaBuildSettings build, ILogger logger, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
            environment[(string)entry.Key] = (string?)entry.Value;
        foreach (var (name, value) in build.EnvironmentVariables)
            environment[name] = value;
        var wrapper = environment.GetValueOrDefault("RUSTC_WRAPPER");
        var wrapperIsSccache = wrapper is { Length: > 0 } && Path.GetFileNameWithoutExtension(wrapper).Equals("sccache", StringComparison.OrdinalIgnoreCase);
        if (!settings.Sccache && !wrapperIsSccache)
            return null;
        if (settings.Sccache && wrapper is { Length: > 0 } && !wrapperIsSccache)
        {
            throw new LambdaRustException(
                $"--sccache asks for sccache, but RUSTC_WRAPPER is already set to '{wrapper}'.",
                "Unset RUSTC_WRAPPER (or set it to sccache), or drop --sccache.");
        }

        return await SccacheSession.StartAsync(wrapperIsSccache ? wrapper! : "sccache", environment,
            settings.Sccache ? "--sccache" : "RUSTC_WRAPPER=sccache", logger, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(IReadOnlyList<LambdaPackage> Packages, (int Rebuilt, int Repackaged, int Unchanged) Counts)> PackageAsync(
        ReleaseSettings settings, IReadOnlyList<LambdaBinary> binaries, ReleaseManifest? previous, ReleaseOutput output, ILogger logger,
        CancellationToken cancellationToken)
    {
        var packages = new LambdaPackage?[binaries.Count];
        var outcomes = new string[binaries.Count];
        var scratch = output.StagedPath(".packages");
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, binaries.Count), options, async (index, token) =>
        {
            var binary = binaries[index];
            var architecture = binary.Architecture.ToLambdaName();
            var zipName = ReleaseArtifact.ZipName(binary.Name, architecture);
            var staged = output.StagedPath(zipName);
            var earlier = previous?.Artifacts.FirstOrDefault(a => a.Function == binary.Name && a.Architecture == architecture);
            var sameBinary = earlier is not null && earlier.BinarySha256 == binary.Hashes.Sha256Hex && earlier.Runtime == RuntimeOf(binary);
            var includes = settings.Includes.Count > 0 || binary.Config.Include is { Count: > 0 };
            if (sameBinary && !includes && output.Previous(earlier!.Zip) is { } earlierZip && ArtifactHashes.Of(earlierZip).Sha256Hex == earlier.Sha256)
            {
                File.Copy(earlierZip, staged);
                packages[index] = new LambdaPackage(binary, staged, OutputFormat.Zip, ArtifactHashes.Of(staged));
                outcomes[index] = "unchanged";
                return;
            }

            var written = await LambdaPackager.PackageAsync(new PackageSettings
            {
                Binaries = [binary],
                LambdaDirectory = Path.Combine(scratch, $"{binary.Name}-{architecture}"),
                OutputFormat = OutputFormat.Zip,
                Layout = OutputLayout.CargoLambda,
                Includes = settings.Includes,
                Logger = logger,
            }, (_, _) => { }, token).ConfigureAwait(false);
            File.Move(written[0].Path, staged);
            packages[index] = written[0] with { Path = staged };
            outcomes[index] = sameBinary ? "repackaged" : "rebuilt";
        }).ConfigureAwait(false);
        if (Directory.Exists(scratch))
            Directory.Delete(scratch, recursive: true);
        var counts = (outcomes.Count(o => o == "rebuilt"), outcomes.Count(o => o == "repackaged"), outcomes.Count(o => o == "unchanged"));
        logger.LogInformation("Packaged {Count} zips: {Rebuilt} rebuilt, {Repackaged} repackaged, {Unchanged} unchanged",
            binaries.Count, counts.Item1, counts.Item2, counts.Item3);
        return (packages.Select(p => p!).ToList(), counts);
    }

    private static async Task SmokeTestAsync(IReadOnlyList<LambdaPackage> packages, InvokeEvent smokeEvent, ILogger logger, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var package in packages.Where(p => p.Binary.Config.Extension != true))
        {
            var report = await LambdaInvoker.InvokeAsync(new InvokeSettings
            {
                PackagePath = package.Path,
                Architecture = package.Architecture,
                FunctionName = package.Name,
                Events = [smokeEvent],
                Logger = logger,
            }, cancellationToken).ConfigureAwait(false);
            try
            {
                report.EnsureSucceeded();
            }
            catch (LambdaRustException failure)
            {
                failures.Add(failure.Problem);
            }
        }

        if (failures.Count > 0)
        {
            throw new LambdaRustException(
                $"The smoke test failed, so nothing was released (the previous release is unchanged):{Environment.NewLine}{string.Join(Environment.NewLine, failures)}",
                "Fix the functions named above (their output is in the log), or check the smoke event; Invoke --function F --arch A --event FILE runs one alone.");
        }

        logger.LogInformation("Smoke test: every artifact answered {Event}", smokeEvent.Name);
    }

    private static ReleaseArtifact Artifact(LambdaPackage package, CargoWorkspace workspace)
    {
        var binary = package.Binary;
        var version = workspace.Packages.FirstOrDefault(p => p.Name == binary.Function.Package)?.Version ?? "0.0.0";
        var glibc = ElfInspector.Read(binary.Path).MaxGlibcVersion?.ToString();
        return new ReleaseArtifact(binary.Name, binary.Function.Package, version, binary.Architecture.ToLambdaName(), RuntimeOf(binary),
            Path.GetFileName(package.Path), package.Hashes.Size, package.Hashes.Sha256Hex, package.Hashes.CodeSha256, glibc, binary.Hashes.Sha256Hex);
    }

    private static string RuntimeOf(LambdaBinary binary) =>
        LambdaRuntime.All.FirstOrDefault(r => r.Glibc == binary.Target.Glibc)?.Identifier ?? LambdaRuntime.ProvidedAl2023.Identifier;

    private static ReleaseManifest? PreviousManifest(string outputDirectory, ILogger logger)
    {
        var path = Path.Combine(outputDirectory, ReleaseManifest.FileName);
        if (!File.Exists(path))
            return null;
        try
        {
            return ReleaseManifest.Read(path);
        }
        catch (LambdaRustException exception)
        {
            logger.LogWarning("The previous release's manifest is unreadable, so every zip is written again: {Problem}", exception.Problem);
            return null;
        }
    }

    private static async Task<(string? Commit, bool Dirty)> GitAsync(string directory, IReadOnlyList<string> excluded, ILogger logger, CancellationToken cancellationToken)
    {
        var repository = await GitRepository.FindAsync(directory, logger, cancellationToken).ConfigureAwait(false);
        if (repository is null)
            return (null, false);
        var head = await repository.HeadAsync(cancellationToken).ConfigureAwait(false);
        return (head, head is null || await repository.IsDirtyAsync(excluded, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<ReleaseInfo> InfoAsync(
        LambdaBuildSettings build, IReadOnlyList<LambdaBinary> binaries, (string? Commit, bool Dirty) git, ILogger logger, CancellationToken cancellationToken)
    {
        var rustc = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var cargo = new SortedDictionary<string, string>(StringComparer.Ordinal);
        // Each target's toolchain is the one whose sysroot has its std, so the versions can differ by architecture.
        foreach (var target in binaries.Select(b => b.Target).DistinctBy(t => t.Architecture))
        {
            var toolchain = await RustToolchainResolver.ResolveAsync(target, new RustToolchainRequest(build.Toolchain, build.CargoPath, build.RustcPath),
                new DebugOnlyLogger(logger), cancellationToken).ConfigureAwait(false);
            var architecture = target.Architecture.ToLambdaName();
            rustc[architecture] = await FirstLineAsync(new ToolInvocation(toolchain.Rustc, ["--version"]) { Environment = toolchain.Environment }, logger, cancellationToken)
                .ConfigureAwait(false);
            cargo[architecture] = await FirstLineAsync(
                new ToolInvocation(toolchain.Cargo, [.. toolchain.CargoPrefixArguments, "--version"]) { Environment = toolchain.Environment }, logger, cancellationToken)
                .ConfigureAwait(false);
        }

        string? zig = null;
        if (build is ZigBuildSettings zigBuild)
            zig = (await ZigLocator.LocateAsync(zigBuild.ZigPath, NullLogger.Instance, cancellationToken: cancellationToken).ConfigureAwait(false)).Version.ToString();
        var ours = typeof(ReleaseBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                   ?? typeof(ReleaseBuilder).Assembly.GetName().Version?.ToString() ?? "unknown";
        return new ReleaseInfo(git.Commit, git.Dirty, rustc, cargo, zig, ours);
    }

    private static async Task<string> FirstLineAsync(ToolInvocation invocation, ILogger logger, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(invocation, new DebugOnlyLogger(logger), cancellationToken, onOutput: _ => { }).ConfigureAwait(false);
        return result.StandardOutput.FirstOrDefault()?.Trim() ?? "";
    }

}
