using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Packaging;

/// <summary>
/// Settings for <see cref="LambdaRustTasks.Package(Configure{PackageSettings})"/>. Unset values fall back to each
/// function's cargo-lambda config (<c>output_format</c>, <c>lambda_dir</c>, <c>include</c>, <c>extension</c>, <c>internal</c>).
/// </summary>
public sealed record PackageSettings
{
    /// <summary>The binaries to package: exactly what a build returned, so nothing stale is ever packaged.</summary>
    public IReadOnlyList<LambdaBinary> Binaries { get; init; } = [];

    /// <summary>Zip or bare binary; the config's <c>output_format</c>, else zip.</summary>
    public OutputFormat? OutputFormat { get; init; }

    /// <summary>The root of the output; the config's <c>lambda_dir</c>, else <c>&lt;target dir&gt;/lambda</c>.</summary>
    public string? LambdaDirectory { get; init; }

    /// <summary>Files or folders to add to every zip, as <c>SRC</c> or <c>DEST:SRC</c>, relative to the workspace root (added to the config's).</summary>
    public IReadOnlyList<string> Includes { get; init; } = [];

    /// <summary>Package as a Lambda extension (<c>extensions/&lt;name&gt;</c>); the config decides when null.</summary>
    public bool? Extension { get; init; }

    /// <summary>Package as an internal extension (at the zip root); the config decides when null.</summary>
    public bool? Internal { get; init; }

    /// <summary>The timestamp stored in zips; <c>SOURCE_DATE_EPOCH</c>, else 1980-01-01, when null.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Where output goes; <see cref="LambdaRustTasks.Logger"/> through the tasks, nowhere when null.</summary>
    public ILogger? Logger { get; init; }
}
