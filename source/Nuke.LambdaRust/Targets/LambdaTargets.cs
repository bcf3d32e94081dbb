using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Toolchain;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Targets;

/// <summary>
/// Our targets as data: <c>Setup</c> → <c>Compile</c> → <c>Package</c>, plus <c>Clean</c>. Add them to a graph, then
/// add your own beside them (<c>graph.Add("Deploy", t => t.DependsOn(LambdaTargets.Package)...)</c>).
/// </summary>
public static class LambdaTargets
{
    /// <summary>Target names.</summary>
    public const string Setup = "Setup", Compile = "Compile", Package = "Package", Clean = "Clean";

    /// <summary>The <see cref="TargetContext.Items"/> key under which Compile leaves its <see cref="LambdaBinary"/> list.</summary>
    public const string BinariesItem = "LambdaRust.Binaries";

    /// <summary>The <see cref="TargetContext.Items"/> key under which Package leaves its <see cref="LambdaPackage"/> list.</summary>
    public const string PackagesItem = "LambdaRust.Packages";

    /// <summary>The <see cref="TargetContext.Items"/> key under which Setup leaves its <see cref="ProvisioningResult"/>.</summary>
    public const string ProvisioningItem = "LambdaRust.Provisioning";

    /// <summary>Adds our parameters and targets to <paramref name="graph"/>.</summary>
    /// <param name="graph">The graph to extend.</param>
    /// <param name="configureProvisioning">Changes what Setup provisions (e.g. also qemu for tests).</param>
    public static TargetGraph AddTo(TargetGraph graph, Func<ProvisioningRequest, ProvisioningRequest>? configureProvisioning = null)
    {
        foreach (var parameter in LambdaParameters.All)
            graph.AddParameter(parameter);

        return graph
            .Add(Clean, t => t
                .Description("Deletes the packages and linker wrappers this tool wrote (not cargo's own build cache)")
                .Before(Setup, Compile)
                .Executes(async (context, ct) => await CleanAsync(context, ct).ConfigureAwait(false)))
            .Add(Setup, t => t
                .Description("Finds zig and the targets' Rust std, and installs what is missing")
                .Executes(async (context, ct) => await SetupAsync(context, configureProvisioning, ct).ConfigureAwait(false)))
            .Add(Compile, t => t
                .Description("Compiles the functions for the requested architectures")
                .DependsOn(Setup)
                .Executes(async (context, ct) => await CompileAsync(context, ct).ConfigureAwait(false)))
            .Add(Package, t => t
                .Description("Packages what Compile built as <lambda dir>/<arch>/<function>/bootstrap.zip")
                .DependsOn(Compile)
                .Executes(async (context, ct) => await PackageAsync(context, ct).ConfigureAwait(false)));
    }

    /// <summary>The folder where Setup installs tools of its own (zig): <c>.nuke/temp/tools</c> under the root.</summary>
    public static string ToolsDirectory(TargetContext context) => Path.Combine(context.RootDirectory, ".nuke", "temp", "tools");

    /// <summary>The build settings the parameters describe (the compiler from <c>--compiler</c>, else the project's config, else zig).</summary>
    public static async Task<LambdaBuildSettings> BuildSettingsAsync(TargetContext context, CancellationToken cancellationToken) =>
        (await PrepareAsync(context, cancellationToken).ConfigureAwait(false)).Settings;

    /// <summary>Settings from the parameters, and the project loaded once for them.</summary>
    private static async Task<(LambdaBuildSettings Settings, LoadedProject Project)> PrepareAsync(TargetContext context, CancellationToken cancellationToken)
    {
        // Loading needs only the selection; it decides the compiler when --compiler is not given.
        var selection = new ZigBuildSettings
        {
            ManifestPath = ResolvePath(context, context.Get<string>(LambdaParameters.ManifestPath)) ?? Path.Combine(context.RootDirectory, "Cargo.toml"),
            Functions = context.GetList<string>(LambdaParameters.Function).ToArray(),
            Packages = context.GetList<string>(LambdaParameters.Package).ToArray(),
            Logger = context.Logger,
        };
        var project = await LambdaBuilder.LoadAsync(selection, cancellationToken).ConfigureAwait(false);
        var compiler = context.Get<string>(LambdaParameters.Compiler) is { } name
            ? LambdaCompilers.Parse(name, "--compiler")
            : LambdaBuilder.ConfiguredCompiler(project) ?? LambdaCompiler.Zig;

        LambdaBuildSettings settings = compiler switch
        {
            LambdaCompiler.Cargo => new CargoBuildSettings(),
            LambdaCompiler.Cross => new CrossBuildSettings(),
            _ => new ZigBuildSettings { ZigPath = ZigPath(context) },
        };

        // `with` on the base type keeps the compiler-specific record type.
        var glibc = context.Get<string>(LambdaParameters.Glibc);
        settings = settings with
        {
            ManifestPath = selection.ManifestPath,
            Functions = selection.Functions,
            Packages = selection.Packages,
            Logger = selection.Logger,
            Architectures = context.GetList<string>(LambdaParameters.Arch).Select(LambdaArchitectures.Parse).Distinct().ToArray(),
            Release = context.IsSet(LambdaParameters.Release) ? context.Get<bool>(LambdaParameters.Release) : null,
            Profile = context.Get<string>(LambdaParameters.Profile),
            // Only an explicit --runtime beats a glibc the project's config names in its target; al2023 is the fallback.
            Runtime = context.IsSet(LambdaParameters.Runtime) ? LambdaRuntime.Parse(context.Get<string>(LambdaParameters.Runtime)!) : null,
            Glibc = glibc is null ? null : ParseGlibc(glibc),
            Features = context.GetList<string>(LambdaParameters.Features).ToArray(),
            ReleaseOptimizations = !context.Get<bool>(LambdaParameters.DisableOptimizations),
        };
        return (settings, project);
    }

    private static async Task SetupAsync(TargetContext context, Func<ProvisioningRequest, ProvisioningRequest>? configure, CancellationToken cancellationToken)
    {
        var (settings, project) = await PrepareAsync(context, cancellationToken).ConfigureAwait(false);
        var request = new ProvisioningRequest(LambdaBuilder.PlannedArchitectures(settings, project), settings.Compiler, ToolsDirectory(context))
        {
            ZigPath = (settings as ZigBuildSettings)?.ZigPath,
            CrossPath = (settings as CrossBuildSettings)?.CrossPath,
            ContainerEngine = (settings as CrossBuildSettings)?.ContainerEngine,
        };
        request = configure?.Invoke(request) ?? request;
        var result = await ToolchainProvisioner.EnsureAsync(request, context.Logger, cancellationToken).ConfigureAwait(false);
        context.Items[ProvisioningItem] = result;
        context.Note(result.Actions.Count == 0 ? "all present" : $"{result.Actions.Count} install steps");
    }

    private static async Task CompileAsync(TargetContext context, CancellationToken cancellationToken)
    {
        var (settings, project) = await PrepareAsync(context, cancellationToken).ConfigureAwait(false);
        var binaries = await LambdaBuilder.BuildAsync(settings, cancellationToken, project).ConfigureAwait(false);
        context.Items[BinariesItem] = binaries;
        context.Note($"{binaries.Count} binaries ({string.Join(", ", binaries.Select(b => b.Architecture.ToLambdaName()).Distinct())})");
    }

    private static async Task PackageAsync(TargetContext context, CancellationToken cancellationToken)
    {
        if (!context.Items.TryGetValue(BinariesItem, out var built) || built is not IReadOnlyList<LambdaBinary> binaries)
        {
            throw new LambdaRustException(
                "Package has nothing to package: Compile did not run in this build (it was skipped).",
                "Run Package with Compile (don't pass --skip or --skip Compile): it packages exactly what this run built.");
        }

        var format = context.Get<string>(LambdaParameters.OutputFormat);
        var packages = await LambdaRustTasks.PackageAsync(s => s with
        {
            Binaries = binaries,
            OutputFormat = format is null ? null : Enum.Parse<OutputFormat>(format, ignoreCase: true),
            LambdaDirectory = ResolvePath(context, context.Get<string>(LambdaParameters.LambdaDir)),
            Includes = context.GetList<string>(LambdaParameters.Include).ToArray(),
            Logger = context.Logger,
        }, cancellationToken).ConfigureAwait(false);
        context.Items[PackagesItem] = packages;
        var kind = packages.All(p => p.Format == OutputFormat.Zip) ? "zips" : "packages";
        context.Note($"{packages.Count} {kind}, {FormatSize(packages.Sum(p => p.Hashes.Size))}");
    }

    /// <summary>
    /// Deletes only what we write: the packages recorded in each lambda directory in use (and the folders we created for
    /// them, once empty; a user's files there stay and are named) and our linker wrappers. Never the lambda directory itself.
    /// </summary>
    private static async Task CleanAsync(TargetContext context, CancellationToken cancellationToken)
    {
        var (settings, project) = await PrepareAsync(context, cancellationToken).ConfigureAwait(false);
        var targetDirectory = LambdaBuilder.TargetDirectoryOf(settings, project.Workspace);
        var explicitDirectory = ResolvePath(context, context.Get<string>(LambdaParameters.LambdaDir));
        var report = PackageCleaner.Clean(
            project.Functions.Select(f => PackageLayout.LambdaDirectory(explicitDirectory, f.Config, project.Workspace.WorkspaceRoot, targetDirectory)),
            context.Logger, cancellationToken);
        var wrappers = Path.Combine(targetDirectory, "lambda-rust");
        var wrappersDeleted = Directory.Exists(wrappers);
        if (wrappersDeleted)
        {
            context.Logger.LogInformation("Deleting {Directory}", wrappers);
            Directory.Delete(wrappers, recursive: true);
        }

        var deleted = report.Deleted.Count + (wrappersDeleted ? 1 : 0);
        context.Note(deleted == 0 && report.LeftAlone.Count == 0 ? "nothing to delete"
            : report.LeftAlone.Count == 0 ? $"{deleted} deleted"
            : $"{deleted} deleted, {report.LeftAlone.Count} left (not written by this tool)");
    }

    /// <summary>--zig-path; else the zig Setup found in this run; else (Setup skipped) the one an earlier Setup installed.</summary>
    private static string? ZigPath(TargetContext context)
    {
        if (ResolvePath(context, context.Get<string>(LambdaParameters.ZigPath)) is { } explicitPath)
            return explicitPath;
        if (context.Items.TryGetValue(ProvisioningItem, out var item))
            return item is ProvisioningResult { Zig: { PrefixArguments.Count: 0 } zig } ? zig.FileName : null;
        var userChoice = Environment.GetEnvironmentVariable("CARGO_ZIGBUILD_ZIG_PATH") ?? Environment.GetEnvironmentVariable("ZIG");
        return string.IsNullOrEmpty(userChoice)
            ? ToolchainProvisioner.ProvisionedZigCandidates(ToolsDirectory(context)).FirstOrDefault(File.Exists)
            : null;
    }

    private static string? ResolvePath(TargetContext context, string? path) =>
        string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(path, context.RootDirectory);

    private static Version ParseGlibc(string value) =>
        Version.TryParse(value, out var version) && version.Major == 2 && version.Build < 0
            ? version
            : throw new LambdaRustException($"Invalid --glibc '{value}'.", "Give a glibc version such as 2.17, 2.26 or 2.34.");

    internal static string FormatSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.0} MB",
        >= 1024 => $"{bytes / 1024.0:0.0} KB",
        _ => $"{bytes} B",
    };
}
