using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Packaging;

/// <summary>
/// Settings for <see cref="LambdaRustTasks.Package(Func{PackageSettings, PackageSettings})"/>. Unset values fall back to each
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

    /// <summary>
    /// Files or folders to add to every zip, as <c>SRC</c> or <c>DEST:SRC</c>, relative to the workspace root. As with
    /// cargo-lambda, they replace the config's <c>include</c> list, unless <see cref="MergeIncludes"/>.
    /// </summary>
    public IReadOnlyList<string> Includes { get; init; } = [];

    /// <summary>cargo-lambda's <c>--admerge</c> for includes: <see cref="Includes"/> follow the config's instead of replacing them.</summary>
    public bool MergeIncludes { get; init; }

    /// <summary>
    /// The layout; when null, cargo-lambda's for a run of one architecture and one folder per architecture for a run of
    /// several (cargo-lambda's layout would let them overwrite each other).
    /// </summary>
    public OutputLayout? Layout { get; init; }

    /// <summary>
    /// cargo-lambda's <c>--flatten</c>: the function whose bootstrap goes directly into the lambda directory (what
    /// cargo-lambda-cdk expects); the config's <c>flatten</c> when null.
    /// </summary>
    public string? Flatten { get; init; }

    /// <summary>Package as a Lambda extension (<c>extensions/&lt;name&gt;</c>); the config decides when null.</summary>
    public bool? Extension { get; init; }

    /// <summary>Package as an internal extension (at the zip root); the config decides when null.</summary>
    public bool? Internal { get; init; }

    /// <summary>The timestamp stored in zips; <c>SOURCE_DATE_EPOCH</c>, else 1980-01-01, when null.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Where output goes; <see cref="LambdaRustTasks.Logger"/> through the tasks, nowhere when null.</summary>
    public ILogger? Logger { get; init; }
}
