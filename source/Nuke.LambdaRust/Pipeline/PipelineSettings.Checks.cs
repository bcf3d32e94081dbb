namespace Nuke.LambdaRust.Pipeline;

public sealed partial record PipelineSettings
{
    /// <summary>Doctor and Verify rules reported without failing (<c>--allow</c>).</summary>
    public IReadOnlyList<string> AllowedRules { get; init; } = [];

    /// <summary>Also write the Doctor's report as JSON (<c>--doctor-format json</c>).</summary>
    public bool DoctorJson { get; init; }

    /// <summary>Where the JSON report goes; <c>&lt;target dir&gt;/lambda-rust/doctor.json</c> when null.</summary>
    public string? DoctorReportPath { get; init; }

    private static bool DoctorJsonFrom(IParameterReader parameters) => parameters.Get(LambdaParameters.DoctorFormat)?.Trim().ToLowerInvariant() switch
    {
        null or "" or "table" => false,
        "json" => true,
        var other => throw new LambdaRustException($"Unknown Doctor format '{other}' ({parameters.Spelling(LambdaParameters.DoctorFormat)}).", "Use table or json."),
    };
}
