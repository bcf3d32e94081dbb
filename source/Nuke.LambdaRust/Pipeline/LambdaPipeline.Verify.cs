using Nuke.LambdaRust.Checks;

namespace Nuke.LambdaRust.Pipeline;

public sealed partial class LambdaPipeline
{
    /// <summary>Verify's result, once it ran.</summary>
    public VerifyResult? Verified { get; private set; }

    /// <summary>
    /// Checks what Package wrote in this run as Lambda will see it: the executable's place and mode in each zip, its ELF
    /// machine, glibc need and shared libraries against the runtime, and the size limits. Every finding is reported.
    /// </summary>
    /// <exception cref="LambdaRustException">Package did not run, or a package breaks a rule that is not allowed.</exception>
    public Task<VerifyResult> VerifyAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var packaged = Packaged ?? throw new LambdaRustException(
            "Verify has nothing to check: Package did not run in this build (it was skipped).",
            "Run Verify with Package (don't skip it): it checks exactly what this run packaged.");
        var report = PackageVerifier.Verify(new VerifySettings
        {
            Packages = packaged.Packages,
            Runtime = Settings.Runtime,
            AllowedRules = Settings.AllowedRules,
            Doctor = DoctorOutcome?.Report,
            Logger = Logger,
        });
        PackageVerifier.ThrowIfFailed(report);
        return Task.FromResult(Verified = new VerifyResult(report));
    }
}
