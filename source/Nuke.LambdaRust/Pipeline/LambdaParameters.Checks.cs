namespace Nuke.LambdaRust.Pipeline;

public static partial class LambdaParameters
{
    /// <summary>Names of the Doctor and Verify parameters.</summary>
    public const string Allow = "Allow", DoctorFormat = "DoctorFormat", DoctorReport = "DoctorReport";

    /// <summary>What Doctor and Verify check, and how Doctor reports.</summary>
    public static IReadOnlyList<ParameterDefinition> Checks { get; } =
    [
        new(Allow, "Doctor/Verify rules to report without failing, on purpose (e.g. openssl-sys); see the README's rule list") { IsList = true },
        new(DoctorFormat, "table (the log only) or json (also writes the report to --doctor-report)")
            { AllowedValues = ["table", "json"], Default = "table" },
        new(DoctorReport, "Where --doctor-format json writes the Doctor's report (default: <target dir>/lambda-rust/doctor.json)"),
    ];
}
