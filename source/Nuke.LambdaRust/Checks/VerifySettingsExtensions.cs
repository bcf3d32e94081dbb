using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Packaging;

namespace Nuke.LambdaRust.Checks;

/// <summary>Fluent setters of <see cref="VerifySettings"/>.</summary>
public static class VerifySettingsExtensions
{
    /// <summary>Checks these packages.</summary>
    public static VerifySettings SetPackages(this VerifySettings s, IEnumerable<LambdaPackage> packages) => s with { Packages = packages.ToArray() };

    /// <summary>Checks against this runtime.</summary>
    public static VerifySettings SetRuntime(this VerifySettings s, LambdaRuntime? runtime) => s with { Runtime = runtime };

    /// <summary>Reports these rules without failing.</summary>
    public static VerifySettings AddAllowedRules(this VerifySettings s, params string[] rules) => s with { AllowedRules = [.. s.AllowedRules, .. rules] };

    /// <summary>Names crates behind missing libraries from this Doctor report.</summary>
    public static VerifySettings SetDoctor(this VerifySettings s, DoctorReport? report) => s with { Doctor = report };

    /// <summary>Sends output to <paramref name="logger"/>.</summary>
    public static VerifySettings SetLogger(this VerifySettings s, ILogger? logger) => s with { Logger = logger };
}
