namespace Nuke.LambdaRust.Checks;

/// <summary>
/// Lambda's size quotas for a .zip deployment package (AWS Lambda quotas: 50 MB zipped for a direct upload, 250 MB
/// unzipped including layers; the service counts these in MiB: 52,428,800 and 262,144,000 bytes). Verify warns from
/// <see cref="WarningShare"/> of a limit on.
/// </summary>
public static class PackageLimits
{
    /// <summary>The largest zip Lambda takes by direct upload: 50 MiB.</summary>
    public const long Zipped = 50L * 1024 * 1024;

    /// <summary>The largest unzipped function (with its layers): 250 MiB.</summary>
    public const long Unzipped = 250L * 1024 * 1024;

    /// <summary>Verify warns at 80% of a limit: 40 MiB zipped, 200 MiB unzipped.</summary>
    public const double WarningShare = 0.8;
}
