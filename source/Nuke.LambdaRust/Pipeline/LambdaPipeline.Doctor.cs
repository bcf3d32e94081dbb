using Nuke.LambdaRust.Checks;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Pipeline;

public sealed partial class LambdaPipeline
{
    /// <summary>Doctor's result, once it ran.</summary>
    public DoctorResult? DoctorOutcome { get; private set; }

    /// <summary>
    /// Checks the build before it compiles: the dependency graph each build group would link, for its target and
    /// features, against every Doctor rule. Errors fail the step (rules in <see cref="PipelineSettings.AllowedRules"/>
    /// excepted); with <see cref="PipelineSettings.DoctorJson"/> the report is also written as JSON.
    /// </summary>
    /// <exception cref="LambdaRustException">A finding is an error whose rule is not allowed.</exception>
    public async Task<DoctorResult> DoctorAsync(CancellationToken cancellationToken = default)
    {
        var settings = await BuildSettingsAsync(cancellationToken).ConfigureAwait(false);
        var project = await ProjectAsync(settings, cancellationToken).ConfigureAwait(false);
        var reportPath = Settings.DoctorJson
            ? Settings.Resolve(Settings.DoctorReportPath)
              ?? Path.Combine(LambdaBuilder.TargetDirectoryOf(settings, project.Workspace), "lambda-rust", "doctor.json")
            : null;
        var report = await Doctor.CheckAsync(settings, project, Settings.AllowedRules, reportPath, cancellationToken).ConfigureAwait(false);
        return DoctorOutcome = new DoctorResult(report);
    }

    /// <summary>The allowed rules, as a set (checked when the settings were made from parameters, checked again here for code).</summary>
    private IReadOnlySet<string> AllowedRules => CheckRules.ParseAllowed(Settings.AllowedRules, "AllowedRules");
}
