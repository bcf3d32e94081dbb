using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Checks;

/// <summary>
/// Settings for <see cref="LambdaRustTasks.Doctor(Func{DoctorSettings, DoctorSettings})"/>: the build to check (its compiler,
/// architectures, features, runtime), the rules allowed on purpose, and where to write the JSON report.
/// </summary>
public sealed record DoctorSettings
{
    /// <summary>The build the Doctor checks, as it would be compiled; zig with the project's defaults unless set.</summary>
    public LambdaBuildSettings Build { get; init; } = new ZigBuildSettings();

    /// <summary>Rule ids reported but not failing (<c>--allow</c>).</summary>
    public IReadOnlyList<string> AllowedRules { get; init; } = [];

    /// <summary>Also write the report as JSON to this file (for CI); none when null.</summary>
    public string? JsonReportPath { get; init; }

    /// <summary>Where output goes; <see cref="LambdaRustTasks.Logger"/> through the tasks, nowhere when null.</summary>
    public ILogger? Logger { get; init; }
}
