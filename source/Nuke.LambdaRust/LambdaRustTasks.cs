using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Checks;
using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Release;
using Nuke.LambdaRust.Runtime;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust;

/// <summary>
/// The tool wrappers, in NUKE's shape: <c>LambdaRustTasks.ZigBuild(s => s.SetArchitecture(LambdaArchitecture.Arm64).EnableRelease())</c>.
/// Each has a synchronous form and an asynchronous one that takes a <see cref="CancellationToken"/> (cancelling kills
/// the build's process tree).
/// </summary>
public static class LambdaRustTasks
{
    /// <summary>
    /// The logger the tasks use when settings name none. Nothing is written until one is set: a build engine's adapter
    /// sets its own (our host, the NUKE component and the Cake addin do), a plain program sets any <see cref="ILogger"/>.
    /// </summary>
    public static ILogger Logger { get; set; } = NullLogger.Instance;

    /// <summary>Compiles with cargo, zig as C compiler and linker (cross-compiles without containers).</summary>
    public static IReadOnlyList<LambdaBinary> ZigBuild(Func<ZigBuildSettings, ZigBuildSettings>? configure = null) =>
        ZigBuildAsync(configure).GetAwaiter().GetResult();

    /// <inheritdoc cref="ZigBuild"/>
    public static Task<IReadOnlyList<LambdaBinary>> ZigBuildAsync(Func<ZigBuildSettings, ZigBuildSettings>? configure, CancellationToken cancellationToken = default) =>
        BuildAsync(Apply(new ZigBuildSettings(), configure), cancellationToken);

    /// <summary>Compiles with plain cargo: natively, or with a cross linker.</summary>
    public static IReadOnlyList<LambdaBinary> CargoBuild(Func<CargoBuildSettings, CargoBuildSettings>? configure = null) =>
        CargoBuildAsync(configure).GetAwaiter().GetResult();

    /// <inheritdoc cref="CargoBuild"/>
    public static Task<IReadOnlyList<LambdaBinary>> CargoBuildAsync(Func<CargoBuildSettings, CargoBuildSettings>? configure, CancellationToken cancellationToken = default) =>
        BuildAsync(Apply(new CargoBuildSettings(), configure), cancellationToken);

    /// <summary>Compiles with <c>cross build</c> in a container.</summary>
    public static IReadOnlyList<LambdaBinary> CrossBuild(Func<CrossBuildSettings, CrossBuildSettings>? configure = null) =>
        CrossBuildAsync(configure).GetAwaiter().GetResult();

    /// <inheritdoc cref="CrossBuild"/>
    public static Task<IReadOnlyList<LambdaBinary>> CrossBuildAsync(Func<CrossBuildSettings, CrossBuildSettings>? configure, CancellationToken cancellationToken = default) =>
        BuildAsync(Apply(new CrossBuildSettings(), configure), cancellationToken);

    /// <summary>Compiles with whichever strategy the settings' type names.</summary>
    public static Task<IReadOnlyList<LambdaBinary>> BuildAsync(LambdaBuildSettings settings, CancellationToken cancellationToken = default) =>
        LambdaBuilder.BuildAsync(settings with { Logger = settings.Logger ?? Logger },
            (built, logger) => BinaryChecks.Ensure("Compile", built, settings.Runtime, new HashSet<string>(), null, logger), cancellationToken);

    /// <summary>Packages built binaries as <c>bootstrap.zip</c> (or bare <c>bootstrap</c>) files, reproducible byte for byte.</summary>
    public static IReadOnlyList<LambdaPackage> Package(Func<PackageSettings, PackageSettings> configure) =>
        PackageAsync(configure).GetAwaiter().GetResult();

    /// <inheritdoc cref="Package"/>
    public static async Task<IReadOnlyList<LambdaPackage>> PackageAsync(Func<PackageSettings, PackageSettings> configure, CancellationToken cancellationToken = default)
    {
        var settings = configure(new PackageSettings { Logger = Logger });
        // The binaries' target directories stay as they are while they are packaged (no Clean or build from elsewhere).
        using var locks = await TargetDirectoryLock.AcquireAllAsync(settings.Binaries.Select(b => b.TargetDirectory), settings.Logger ?? Logger, cancellationToken)
            .ConfigureAwait(false);
        return await LambdaPackager.PackageAsync(settings,
            (binaries, logger) => BinaryChecks.Ensure("Package", binaries, null, new HashSet<string>(), null, logger), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks a build before compiling it: resolves the dependency graph it would link (for its target and features)
    /// and reports the known traps — openssl-sys, diesel's native clients, C crates without a cross compiler, system
    /// libraries the runtime lacks, RUSTFLAGS, a too-new glibc or crate rust-version — each with the crate path and the fix.
    /// </summary>
    /// <exception cref="LambdaRustException">A finding is an error (and its rule not allowed).</exception>
    public static DoctorReport Doctor(Func<DoctorSettings, DoctorSettings> configure) => DoctorAsync(configure).GetAwaiter().GetResult();

    /// <inheritdoc cref="Doctor"/>
    public static async Task<DoctorReport> DoctorAsync(Func<DoctorSettings, DoctorSettings> configure, CancellationToken cancellationToken = default)
    {
        var settings = configure(new DoctorSettings { Logger = Logger });
        var build = settings.Build with { Logger = settings.Build.Logger ?? settings.Logger ?? Logger };
        var project = await LambdaBuilder.LoadAsync(build, cancellationToken).ConfigureAwait(false);
        return await Checks.Doctor.CheckAsync(build, project, settings.AllowedRules, settings.JsonReportPath, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks packages as Lambda will see them: the executable at the zip root with mode 0755, its ELF machine, the glibc
    /// it needs and every shared library against the runtime's list, and Lambda's size limits. Every finding is reported.
    /// </summary>
    /// <exception cref="LambdaRustException">A package breaks a rule that is not allowed.</exception>
    public static VerifyReport Verify(Func<VerifySettings, VerifySettings> configure)
    {
        var report = PackageVerifier.Verify(configure(new VerifySettings { Logger = Logger }));
        PackageVerifier.ThrowIfFailed(report);
        return report;
    }

    /// <summary>
    /// Invokes a packaged function locally with events, in order, as Lambda would: its zip unpacked into a temporary task
    /// root, its bootstrap started in Lambda's environment against a local Runtime API (under qemu when the architecture
    /// is not this machine's), one sandbox for all events (a new one after a crash, a timeout or an init error).
    /// </summary>
    /// <returns>
    /// What each event got. A function error, init error, crash or timeout is a result, not an exception
    /// (<see cref="InvokeReport.EnsureSucceeded"/> turns one into an error).
    /// </returns>
    /// <exception cref="LambdaRustException">A bad input, found before anything starts: no or a missing package, no events, another architecture than the package's, a reserved variable, no emulator.</exception>
    public static InvokeReport Invoke(Func<InvokeSettings, InvokeSettings> configure) =>
        InvokeAsync(configure).GetAwaiter().GetResult();

    /// <inheritdoc cref="Invoke"/>
    public static Task<InvokeReport> InvokeAsync(Func<InvokeSettings, InvokeSettings> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return LambdaInvoker.InvokeAsync(configure(new InvokeSettings { Logger = Logger }), cancellationToken);
    }

    /// <summary>
    /// Releases a monorepo: every selected function (only those a change since <see cref="ReleaseSettings.ChangedSince"/>
    /// reaches) for arm64 and x86_64, one cargo run per architecture, zips packaged in parallel, Verify, an optional
    /// smoke invocation of every artifact, then <c>SHA256SUMS</c> and <c>manifest.json</c>; written beside the release
    /// folder and moved into place only when all of it succeeded. A rerun without a change gives the same bytes.
    /// </summary>
    /// <exception cref="LambdaRustException">A bad input (checked before compiling), a failed build, check or smoke test; the previous release is left as it was.</exception>
    public static ReleaseReport Release(Func<ReleaseSettings, ReleaseSettings> configure) => ReleaseAsync(configure).GetAwaiter().GetResult();

    /// <inheritdoc cref="Release"/>
    public static Task<ReleaseReport> ReleaseAsync(Func<ReleaseSettings, ReleaseSettings> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var settings = configure(new ReleaseSettings { Logger = Logger });
        return ReleaseBuilder.ReleaseAsync(settings, null, cancellationToken);
    }

    /// <summary>Combines the output folders of several releases (one CI job each) into one release; duplicates and conflicting hashes are refused.</summary>
    /// <param name="directories">The parts.</param>
    /// <param name="configure">The merged release's settings (<see cref="ReleaseSettings.OutputDirectory"/>, relative to the current directory).</param>
    public static ReleaseReport MergeReleases(IReadOnlyList<string> directories, Func<ReleaseSettings, ReleaseSettings>? configure = null) =>
        ReleaseBuilder.MergeAsync(Apply(new ReleaseSettings { Logger = Logger }, configure), directories, Directory.GetCurrentDirectory(), CancellationToken.None)
            .GetAwaiter().GetResult();

    private static T Apply<T>(T settings, Func<T, T>? configure) => configure is null ? settings : configure(settings);
}
