using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Checks;

/// <summary>Fluent setters of <see cref="DoctorSettings"/>.</summary>
public static class DoctorSettingsExtensions
{
    /// <summary>Checks the build these settings describe (any compiler's settings).</summary>
    public static DoctorSettings SetBuild(this DoctorSettings s, LambdaBuildSettings build) => s with { Build = build };

    /// <summary>Reports these rules without failing.</summary>
    public static DoctorSettings AddAllowedRules(this DoctorSettings s, params string[] rules) => s with { AllowedRules = [.. s.AllowedRules, .. rules] };

    /// <summary>Fails on every error again.</summary>
    public static DoctorSettings ClearAllowedRules(this DoctorSettings s) => s with { AllowedRules = [] };

    /// <summary>Writes the report as JSON to <paramref name="path"/> too.</summary>
    public static DoctorSettings SetJsonReportPath(this DoctorSettings s, string? path) => s with { JsonReportPath = path };

    /// <summary>Sends output to <paramref name="logger"/>.</summary>
    public static DoctorSettings SetLogger(this DoctorSettings s, ILogger? logger) => s with { Logger = logger };
}
