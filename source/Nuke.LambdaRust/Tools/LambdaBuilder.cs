using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Tools;

/// <summary>
/// Runs a build: loads the workspace, applies each function's cargo-lambda config under the settings, then runs one
/// cargo invocation per build group (one per architecture for a uniform workspace) and returns what cargo built.
/// </summary>
internal static class LambdaBuilder
{
    /// <param name="settings">What to build.</param>
    /// <param name="checkBuilt">
    /// The binary rules (they live in Checks, above this layer), run on each cargo invocation's binaries as soon as it
    /// returns, so a binary Lambda could not start fails the build that made it.
    /// </param>
    /// <param name="cancellationToken">Stops cargo.</param>
    /// <param name="project">The workspace, when already loaded.</param>
    public static async Task<IReadOnlyList<LambdaBinary>> BuildAsync(
        LambdaBuildSettings settings, Action<IReadOnlyList<LambdaBinary>, ILogger> checkBuilt, CancellationToken cancellationToken, LoadedProject? project = null)
    {
        var logger = settings.Logger ?? NullLogger.Instance;
        project ??= await LoadAsync(settings, cancellationToken).ConfigureAwait(false);
        var workspace = project.Workspace;
        var groups = BuildPlanner.Plan(settings, project.Functions, workspace.WorkspaceRoot);
        var releaseProfile = CargoManifest.ReadReleaseProfile(workspace.RootManifestPath);
        var context = new BuildContext(settings, workspace, logger);
        // Another process's Clean or build must not change the target directory (our linker wrappers) under cargo.
        using var targetLocks = await TargetDirectoryLock.AcquireAllAsync(
            groups.Select(g => g.Options.TargetDirectory ?? workspace.TargetDirectory), logger, cancellationToken).ConfigureAwait(false);
        var binaries = new List<LambdaBinary>();
        var partitioned = groups.Select(g => RequiredFeatures.Partition(g, workspace, settings.Functions.ToHashSet(StringComparer.Ordinal))).ToList();
        foreach (var skipped in partitioned.SelectMany(p => p.Skipped).DistinctBy(s => s.Function.Name))
        {
            logger.LogWarning("Skipping {Function}: it requires the features {Missing}, which this build does not enable (--features {List} builds it)",
                skipped.Function.Name, string.Join(", ", skipped.Missing), string.Join(',', skipped.Missing));
        }

        if (partitioned.All(p => p.Buildable.Functions.Count == 0))
        {
            throw new LambdaRustException(
                "No selected function can be built: each has required-features that this build does not enable.",
                $"Enable them with --features {string.Join(',', partitioned.SelectMany(p => p.Skipped).SelectMany(s => s.Missing).Distinct())} (or --all-features).");
        }

        foreach (var group in partitioned.Select(p => p.Buildable).Where(g => g.Functions.Count > 0))
        {
            var built = await BuildGroupAsync(context, group, workspace.RootManifestPath, releaseProfile, cancellationToken).ConfigureAwait(false);
            checkBuilt(built, logger);
            binaries.AddRange(built);
        }
        return binaries;
    }

    /// <summary>
    /// Loads the workspace and the selected functions' cargo-lambda config. It depends only on the manifest, the
    /// function/package selection and the cargo path, so one load serves settings of any compiler.
    /// </summary>
    public static async Task<LoadedProject> LoadAsync(LambdaBuildSettings settings, CancellationToken cancellationToken)
    {
        var manifestPath = CargoWorkspace.ResolveManifest(settings.ManifestPath ?? Directory.GetCurrentDirectory());
        var metadataCargo = settings.CargoPath is null
            ? CargoCommand.Default
            : new CargoCommand(settings.CargoPath, [], new Dictionary<string, string?>());
        var workspace = await CargoWorkspace.LoadAsync(manifestPath, settings.Logger ?? NullLogger.Instance, metadataCargo, cancellationToken)
            .ConfigureAwait(false);
        // A member's manifest means that package, as it does for cargo; the workspace root's means every member.
        var packages = settings.Packages.Count == 0 && workspace.Packages.FirstOrDefault(p => SamePath(p.ManifestPath, manifestPath)) is { } member
                       && !SamePath(manifestPath, workspace.RootManifestPath)
            ? [member.Name]
            : settings.Packages;
        var functions = workspace.SelectFunctions(settings.Functions, packages)
            .Select(f => (Function: f, Config: LambdaConfigReader.ForFunction(workspace, f, settings.ConfigOptions)))
            .ToList();
        // Shared tables (CargoLambda.toml, the workspace's) warn once, not once per function.
        foreach (var warning in functions.SelectMany(f => f.Config.Warnings).Distinct(StringComparer.Ordinal))
            (settings.Logger ?? NullLogger.Instance).LogWarning("{Warning}", warning);
        return new LoadedProject(workspace, functions);
    }

    /// <summary>The architectures a build with these settings would compile (for provisioning before it).</summary>
    public static IReadOnlyList<LambdaArchitecture> PlannedArchitectures(LambdaBuildSettings settings, LoadedProject project) =>
        BuildPlanner.Plan(settings, project.Functions, project.Workspace.WorkspaceRoot).Select(g => g.Architecture).Distinct().ToList();

    /// <summary>
    /// The compiler cargo-lambda's <c>CARGO_LAMBDA_COMPILER</c> names (a command-line option for cargo-lambda, so it
    /// beats every config file), else the one the project's config names, when its functions agree on one.
    /// </summary>
    public static LambdaCompiler? ConfiguredCompiler(LoadedProject project, LambdaConfigOptions? options = null)
    {
        if (CargoLambdaEnvironment.Read((options ?? new LambdaConfigOptions()).EnvironmentVariables).Compiler is { } fromEnvironment)
            return fromEnvironment;

        var configured = project.Functions.Where(f => f.Config.Compiler is not null).GroupBy(f => f.Config.Compiler!.Value).ToList();
        if (configured.Count > 1)
        {
            throw new LambdaRustException(
                $"The functions configure different compilers: {string.Join("; ", configured.Select(g => $"{g.Key.ToName()} ({string.Join(", ", g.Select(f => f.Function.Name))})"))}.",
                "Pass --compiler to choose one for this build, or build the functions separately with --function.");
        }

        return configured.Count == 1 ? configured[0].Key : null;
    }

    /// <summary>Cargo's target directory for these settings and a function's config (<c>target_dir</c>).</summary>
    public static string TargetDirectoryOf(LambdaBuildSettings settings, CargoWorkspace workspace, LambdaBuildConfig? config = null) =>
        settings.TargetDirectory is not null ? Path.GetFullPath(settings.TargetDirectory, workspace.WorkspaceRoot)
        : config?.TargetDir ?? workspace.TargetDirectory;

    private static async Task<IReadOnlyList<LambdaBinary>> BuildGroupAsync(
        BuildContext context, BuildGroup group, string manifestPath, ReleaseProfile releaseProfile, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var logger = context.Logger;
        logger.LogInformation("Building {Functions} for {Architecture} ({Target}, {Profile}) with {Compiler}",
            string.Join(", ", group.Functions.Select(f => f.Function.Name)), group.Architecture.ToLambdaName(),
            group.Target.TripleWithGlibc, group.Profile, settings.Compiler.ToName());

        var compiler = settings.Compiler switch
        {
            LambdaCompiler.Zig => await ZigCompilerStrategy.PrepareAsync(context, group, cancellationToken).ConfigureAwait(false),
            LambdaCompiler.Cargo => await CargoCompilerStrategy.PrepareAsync(context, group, cancellationToken).ConfigureAwait(false),
            _ => await CrossCompilerStrategy.PrepareAsync(context, group, cancellationToken).ConfigureAwait(false),
        };

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in group.Environment)
            environment[name] = value;
        foreach (var (name, value) in compiler.Environment)
            environment[name] = value;

        var configValues = new List<string>();
        if (group.IsRelease && group.Options.ReleaseOptimizations)
        {
            configValues.AddRange(ReleaseOptimizations.ConfigValues(group.Architecture, releaseProfile));
            var overriding = ReleaseOptimizations.RustflagsOverride(context.UserEnvironment(group), group.Target);
            if (overriding is not null)
            {
                logger.LogWarning(
                    "{Variable} is set, so cargo ignores build.rustflags: target-cpu={Cpu} is not applied. Unset it, or add '-C target-cpu={Cpu}' to it",
                    overriding, ReleaseOptimizations.TargetCpu(group.Architecture), ReleaseOptimizations.TargetCpu(group.Architecture));
            }
        }

        var invocation = CargoBuildCommand.Render(compiler.Program, compiler.PrefixArguments, manifestPath, group, settings,
            configValues, environment, context.Workspace.WorkspaceRoot);
        var artifacts = new CargoArtifacts();
        await ProcessRunner.RunAsync(invocation, logger, cancellationToken,
            onOutput: line =>
            {
                if (!artifacts.Read(line))
                    logger.LogInformation("{Line}", invocation.Redact(line));
            },
            fixOnFailure: "Read cargo's errors above; the command line shows what was run.").ConfigureAwait(false);

        var targetDirectory = group.Options.TargetDirectory ?? context.Workspace.TargetDirectory;
        var binaries = group.Functions.Select(entry =>
        {
            var path = ExecutableOf(entry.Function, artifacts, targetDirectory, group);
            return new LambdaBinary(entry.Function, group.Architecture, group.Target, settings.Compiler, path, group.Profile, ArtifactHashes.Of(path))
            {
                Config = entry.Config,
                WorkspaceRoot = context.Workspace.WorkspaceRoot,
                TargetDirectory = targetDirectory,
            };
        }).ToList();
        return binaries;
    }

    /// <summary>
    /// The executable cargo reported for this run. cross reports paths inside its container, so for it the same file is
    /// taken at its host location in the target directory.
    /// </summary>
    private static string ExecutableOf(LambdaFunction function, CargoArtifacts artifacts, string targetDirectory, BuildGroup group)
    {
        if (artifacts.Executables.TryGetValue(function.Name, out var reported) && File.Exists(reported))
            return reported;

        var profileDirectory = group.Profile == "dev" ? "debug" : group.Profile;
        var hostPath = Path.Combine(targetDirectory, group.Target.Triple, profileDirectory, function.Name);
        if (reported is not null && File.Exists(hostPath))
            return hostPath;

        throw new LambdaRustException(
            $"cargo finished but reported no executable for '{function.Name}' ({group.Target.Triple}, profile {group.Profile}).",
            "Check that the binary target is not disabled (required-features, [[bin]] test settings) for this build.");
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
