using Nuke.LambdaRust.Cargo;

namespace Nuke.LambdaRust.Tools;

/// <summary>
/// The cargo options of one build group, from the settings (code/command line) over the function's cargo-lambda config.
/// A flag set in either place is on: as with cargo-lambda, a command line cannot turn off a config's <c>true</c>.
/// </summary>
internal sealed record CargoOptions
{
    public bool AllFeatures { get; init; }

    public bool NoDefaultFeatures { get; init; }

    public bool Locked { get; init; }

    public bool Frozen { get; init; }

    public bool Offline { get; init; }

    public int? Jobs { get; init; }

    public bool KeepGoing { get; init; }

    public bool Timings { get; init; }

    public bool IgnoreRustVersion { get; init; }

    public bool Quiet { get; init; }

    public int Verbose { get; init; }

    public string? Color { get; init; }

    /// <summary>The user's <c>--config</c> values (before our release optimizations, as cargo-lambda orders them).</summary>
    public IReadOnlyList<string> Config { get; init; } = [];

    public IReadOnlyList<string> UnstableFlags { get; init; } = [];

    /// <summary><c>compiler.subcommand</c>: cargo's subcommand instead of <c>build</c> (plain cargo only).</summary>
    public IReadOnlyList<string> Subcommand { get; init; } = [];

    /// <summary><c>compiler.extra_args</c>, appended at the end (plain cargo only).</summary>
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];

    /// <summary>Cargo's target directory (absolute), or null for the workspace's.</summary>
    public string? TargetDirectory { get; init; }

    /// <summary>Apply the release optimizations (settings allow them and the config does not disable them).</summary>
    public bool ReleaseOptimizations { get; init; } = true;

    public static CargoOptions Of(LambdaBuildSettings settings, LambdaBuildConfig config, string workspaceRoot) => new()
    {
        AllFeatures = settings.AllFeatures || config.AllFeatures == true,
        NoDefaultFeatures = settings.NoDefaultFeatures || config.NoDefaultFeatures == true,
        Locked = settings.Locked || config.Locked == true,
        Frozen = settings.Frozen || config.Frozen == true,
        Offline = settings.Offline || config.Offline == true,
        Jobs = settings.Jobs ?? config.Jobs,
        KeepGoing = config.KeepGoing == true,
        Timings = config.Timings == true,
        IgnoreRustVersion = config.IgnoreRustVersion == true,
        Quiet = config.Quiet == true,
        Verbose = config.Verbose ?? 0,
        Color = config.Color,
        Config = config.CargoConfig ?? [],
        UnstableFlags = config.UnstableFlags ?? [],
        Subcommand = config.CompilerSubcommand ?? [],
        ExtraArgs = config.CompilerExtraArgs ?? [],
        TargetDirectory = settings.TargetDirectory is not null ? Path.GetFullPath(settings.TargetDirectory, workspaceRoot) : config.TargetDir,
        ReleaseOptimizations = settings.ReleaseOptimizations && config.DisableOptimizations != true,
    };

    /// <summary>Text that differs exactly when two groups' options differ (records compare lists by reference).</summary>
    public string Key => string.Join('|',
        AllFeatures, NoDefaultFeatures, Locked, Frozen, Offline, Jobs, KeepGoing, Timings, IgnoreRustVersion, Quiet, Verbose, Color,
        string.Join('\u001f', Config), string.Join('\u001f', UnstableFlags), string.Join('\u001f', Subcommand),
        string.Join('\u001f', ExtraArgs), TargetDirectory, ReleaseOptimizations);
}
