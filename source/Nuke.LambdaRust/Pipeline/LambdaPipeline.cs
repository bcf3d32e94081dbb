using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Toolchain;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Pipeline;

/// <summary>
/// One build: its settings, and the steps Setup → Compile → Package → Invoke (and Clean), each returning a typed result and
/// keeping it for the steps after it. Every engine adapter (our host, the NUKE component, the Cake addin) maps its
/// targets onto these steps; the pipeline knows no engine and no console, only the <see cref="ILogger"/> it is given.
/// The workspace is loaded once per pipeline, whatever steps run. From its first Clean or Compile until it is disposed
/// it holds the target directory's lock, so that another process's build or Clean waits for this one; dispose it when
/// the build ends (the lock goes with the process otherwise).
/// </summary>
public sealed partial class LambdaPipeline : IDisposable
{
    private readonly List<TargetDirectoryLock> _targetLocks = [];
    private LoadedProject? _project;
    private bool _settingUp;

    /// <summary>Creates the pipeline of one build.</summary>
    /// <param name="settings">The build's settings.</param>
    /// <param name="logger">Where every step's output goes; nowhere when null.</param>
    public LambdaPipeline(PipelineSettings settings, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        Logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The build's settings.</summary>
    public PipelineSettings Settings { get; }

    /// <summary>Where the steps' output goes.</summary>
    public ILogger Logger { get; }

    /// <summary>Setup's result, once it ran.</summary>
    public SetupResult? SetupOutcome { get; private set; }

    /// <summary>Compile's result, once it ran.</summary>
    public CompileResult? Compiled { get; private set; }

    /// <summary>Package's result, once it ran.</summary>
    public PackageResult? Packaged { get; private set; }

    /// <summary>Where Setup installs tools of its own: the setting, else the per-user cache every root shares.</summary>
    public string ToolsDirectory => Settings.Resolve(Settings.ToolsDirectory) ?? ToolCache.ToolsDirectory();

    /// <summary>Where earlier versions installed tools, per root: a zig found there is still used, never downloaded again.</summary>
    public IReadOnlyList<string> FormerToolsDirectories =>
        [.. new[] { Path.Combine(Settings.RootDirectory, ".nuke", "temp", "tools") }.Where(d => d != ToolsDirectory)];

    /// <summary>
    /// The build settings these pipeline settings describe: the compiler from the settings, else the project's config,
    /// else zig; then <see cref="PipelineSettings.ConfigureBuild"/>.
    /// </summary>
    public async Task<LambdaBuildSettings> BuildSettingsAsync(CancellationToken cancellationToken = default)
    {
        var project = await ProjectAsync(cancellationToken).ConfigureAwait(false);
        var compiler = Settings.Compiler ?? LambdaBuilder.ConfiguredCompiler(project, ConfigOptions) ?? LambdaCompiler.Zig;
        LambdaBuildSettings settings = compiler switch
        {
            LambdaCompiler.Cargo => new CargoBuildSettings(),
            LambdaCompiler.Cross => new CrossBuildSettings(),
            _ => new ZigBuildSettings { ZigPath = ZigPath() },
        };

        // `with` on the base type keeps the compiler-specific record type.
        settings = settings with
        {
            ManifestPath = ManifestPath,
            Functions = Settings.Functions,
            Packages = Settings.Packages,
            Logger = Logger,
            // A release ships both architectures unless --arch narrows it.
            Architectures = Settings.Architectures.Count == 0 && Settings.PlannedSteps.HasFlag(PipelineSteps.Release)
                ? Release.ReleaseBuilder.AllArchitectures
                : Settings.Architectures,
            Release = Settings.Release,
            Profile = Settings.Profile,
            Runtime = Settings.Runtime,
            Glibc = Settings.Glibc,
            Features = Settings.Features,
            ReleaseOptimizations = !Settings.DisableOptimizations,
            AllFeatures = Settings.AllFeatures,
            NoDefaultFeatures = Settings.NoDefaultFeatures,
            Locked = Settings.Locked,
            Frozen = Settings.Frozen,
            Offline = Settings.Offline,
            Jobs = Settings.Jobs,
            TargetDirectory = Settings.Resolve(Settings.TargetDirectory),
            CargoArguments = Settings.CargoArguments,
            ConfigOptions = ConfigOptions,
        };
        return Settings.ConfigureBuild?.Invoke(settings) ?? settings;
    }

    /// <summary>cargo-lambda's config is found from where this process runs, as it is for <c>cargo lambda build</c>.</summary>
    private LambdaConfigOptions ConfigOptions => new()
    {
        WorkingDirectory = Directory.GetCurrentDirectory(),
        Context = Settings.Context,
        Admerge = Settings.IncludeMerge ? true : null,
    };

    /// <summary>Releases the target directory's lock.</summary>
    public void Dispose()
    {
        lock (_targetLocks)
        {
            foreach (var taken in _targetLocks)
                taken.Dispose();
            _targetLocks.Clear();
        }
    }

    /// <summary>Holds <paramref name="targetDirectory"/>'s lock until the pipeline is disposed: one run, one owner.</summary>
    private async Task HoldTargetDirectoryAsync(string targetDirectory, CancellationToken cancellationToken)
    {
        lock (_targetLocks)
        {
            if (_targetLocks.Any(l => l.Path == TargetDirectoryLock.PathFor(targetDirectory)))
                return;
        }

        var taken = await TargetDirectoryLock.AcquireAsync(targetDirectory, Logger, cancellationToken).ConfigureAwait(false);
        lock (_targetLocks)
            _targetLocks.Add(taken);
    }

    private string ManifestPath => Settings.Resolve(Settings.ManifestPath) ?? Path.Combine(Settings.RootDirectory, "Cargo.toml");

    /// <summary>The workspace and the selected functions, loaded (with <c>cargo metadata</c>) once per pipeline.</summary>
    internal async Task<LoadedProject> ProjectAsync(CancellationToken cancellationToken)
    {
        if (_project is not null)
            return _project;
        var selection = new ZigBuildSettings
        {
            ManifestPath = ManifestPath,
            Functions = Settings.Functions,
            Packages = Settings.Packages,
            Logger = Logger,
            ConfigOptions = ConfigOptions,
        };
        return _project = await LambdaBuilder.LoadAsync(selection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The project for <paramref name="settings"/>: the one loaded, unless a configure hook changed what it selects.</summary>
    private async Task<LoadedProject> ProjectAsync(LambdaBuildSettings settings, CancellationToken cancellationToken)
    {
        var project = await ProjectAsync(cancellationToken).ConfigureAwait(false);
        var sameSelection = settings.ManifestPath == ManifestPath && settings.CargoPath is null
            && settings.Functions.SequenceEqual(Settings.Functions) && settings.Packages.SequenceEqual(Settings.Packages);
        return sameSelection ? project : await LambdaBuilder.LoadAsync(settings, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The zig setting; else the zig Setup found in this run; else (Setup skipped) the one an earlier Setup installed.</summary>
    private string? ZigPath()
    {
        if (Settings.Resolve(Settings.ZigPath) is { } explicitPath)
            return explicitPath;
        if (SetupOutcome is { } setup)
            return setup.Provisioning.Zig is { PrefixArguments.Count: 0 } zig ? zig.FileName : null;
        if (_settingUp)
            return null; // Setup searches itself, the tools folders last, and says where it found zig
        var userChoice = Environment.GetEnvironmentVariable("CARGO_ZIGBUILD_ZIG_PATH") ?? Environment.GetEnvironmentVariable("ZIG");
        return string.IsNullOrEmpty(userChoice)
            ? new[] { ToolsDirectory }.Concat(FormerToolsDirectories).SelectMany(ToolchainProvisioner.ProvisionedZigCandidates).FirstOrDefault(File.Exists)
            : null;
    }
}
