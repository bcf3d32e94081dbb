using Nuke.LambdaRust.Checks;
using Nuke.LambdaRust.Packaging;

namespace Nuke.LambdaRust.Pipeline;

public sealed partial class LambdaPipeline
{
    /// <summary>Packages exactly what <see cref="CompileAsync"/> built in this pipeline, never an earlier build's binaries.</summary>
    /// <exception cref="LambdaRustException">Compile did not run in this pipeline.</exception>
    public async Task<PackageResult> PackageAsync(CancellationToken cancellationToken = default)
    {
        var compiled = Compiled ?? throw new LambdaRustException(
            "Package has nothing to package: Compile did not run in this build (it was skipped).",
            "Run Package with Compile (don't skip Compile): it packages exactly what this run built.");

        var settings = new PackageSettings
        {
            Binaries = compiled.Binaries,
            OutputFormat = Settings.OutputFormat,
            LambdaDirectory = Settings.Resolve(Settings.LambdaDirectory),
            Includes = Settings.Includes,
            MergeIncludes = Settings.IncludeMerge,
            Layout = Settings.Layout,
            Flatten = Settings.Flatten,
            Extension = Settings.Extension,
            Internal = Settings.Internal,
            Logger = Logger,
        };
        settings = Settings.ConfigurePackage?.Invoke(settings) ?? settings;
        var allowed = AllowedRules;
        var packages = await LambdaPackager.PackageAsync(settings,
            (binaries, logger) => BinaryChecks.Ensure("Package", binaries, Settings.Runtime, allowed, DoctorOutcome?.Report, logger), cancellationToken).ConfigureAwait(false);
        return Packaged = new PackageResult(packages);
    }
}
