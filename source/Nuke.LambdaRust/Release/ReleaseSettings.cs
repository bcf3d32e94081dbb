using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Release;

/// <summary>
/// Settings for <see cref="LambdaRustTasks.Release(Func{ReleaseSettings, ReleaseSettings})"/>: the build (every function
/// and both architectures unless it narrows them), where the release goes, and which functions a change reaches.
/// </summary>
public sealed record ReleaseSettings
{
    /// <summary>The release folder's default, relative to the workspace root (or the build's root).</summary>
    public const string DefaultOutput = "artifacts/release";

    /// <summary>What to build; its functions and architectures select the release (all functions, arm64 and x86_64 when empty). Release profile unless it says otherwise.</summary>
    public LambdaBuildSettings Build { get; init; } = new ZigBuildSettings();

    /// <summary>The release folder; <see cref="DefaultOutput"/> under the workspace root when null.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Only the functions a change since this git ref reaches (<c>--changed-since</c>); all when null.</summary>
    public string? ChangedSince { get; init; }

    /// <summary>An event (JSON file) every artifact is invoked with before the manifest is written; none when null.</summary>
    public string? SmokeEvent { get; init; }

    /// <summary>Run cargo through sccache (also on when the build's or this process's <c>RUSTC_WRAPPER</c> names sccache).</summary>
    public bool Sccache { get; init; }

    /// <summary>Files or folders added to every zip, as <c>SRC</c> or <c>DEST:SRC</c> (see the Package step).</summary>
    public IReadOnlyList<string> Includes { get; init; } = [];

    /// <summary>Rule ids that Verify reports without failing.</summary>
    public IReadOnlyList<string> AllowedRules { get; init; } = [];

    /// <summary>How the options are spelled in errors (an engine sets its own: <c>--output</c>, <c>Output</c>).</summary>
    public ReleaseOptionNames OptionNames { get; init; } = new();

    /// <summary>Where output goes; <see cref="LambdaRustTasks.Logger"/> through the tasks, nowhere when null.</summary>
    public ILogger? Logger { get; init; }
}

/// <summary>How an engine spells Release's options, for error messages.</summary>
/// <param name="Output">The release folder's option.</param>
/// <param name="ChangedSince">The git ref option.</param>
/// <param name="Function">The function selection.</param>
/// <param name="SmokeEvent">The smoke event's option.</param>
/// <param name="Merge">The merge option.</param>
public sealed record ReleaseOptionNames(
    string Output = "OutputDirectory", string ChangedSince = "ChangedSince", string Function = "Functions", string SmokeEvent = "SmokeEvent", string Merge = "Merge");
