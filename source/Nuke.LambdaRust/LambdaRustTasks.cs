using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Packaging;
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
    public static IReadOnlyList<LambdaBinary> ZigBuild(Configure<ZigBuildSettings>? configure = null) =>
        ZigBuildAsync(configure).GetAwaiter().GetResult();

    /// <inheritdoc cref="ZigBuild"/>
    public static Task<IReadOnlyList<LambdaBinary>> ZigBuildAsync(Configure<ZigBuildSettings>? configure, CancellationToken cancellationToken = default) =>
        BuildAsync(Apply(new ZigBuildSettings(), configure), cancellationToken);

    /// <summary>Compiles with plain cargo: natively, or with a cross linker.</summary>
    public static IReadOnlyList<LambdaBinary> CargoBuild(Configure<CargoBuildSettings>? configure = null) =>
        CargoBuildAsync(configure).GetAwaiter().GetResult();

    /// <inheritdoc cref="CargoBuild"/>
    public static Task<IReadOnlyList<LambdaBinary>> CargoBuildAsync(Configure<CargoBuildSettings>? configure, CancellationToken cancellationToken = default) =>
        BuildAsync(Apply(new CargoBuildSettings(), configure), cancellationToken);

    /// <summary>Compiles with <c>cross build</c> in a container.</summary>
    public static IReadOnlyList<LambdaBinary> CrossBuild(Configure<CrossBuildSettings>? configure = null) =>
        CrossBuildAsync(configure).GetAwaiter().GetResult();

    /// <inheritdoc cref="CrossBuild"/>
    public static Task<IReadOnlyList<LambdaBinary>> CrossBuildAsync(Configure<CrossBuildSettings>? configure, CancellationToken cancellationToken = default) =>
        BuildAsync(Apply(new CrossBuildSettings(), configure), cancellationToken);

    /// <summary>Compiles with whichever strategy the settings' type names.</summary>
    public static Task<IReadOnlyList<LambdaBinary>> BuildAsync(LambdaBuildSettings settings, CancellationToken cancellationToken = default) =>
        LambdaBuilder.BuildAsync(settings with { Logger = settings.Logger ?? Logger }, cancellationToken);

    /// <summary>Packages built binaries as <c>bootstrap.zip</c> (or bare <c>bootstrap</c>) files, reproducible byte for byte.</summary>
    public static IReadOnlyList<LambdaPackage> Package(Configure<PackageSettings> configure) =>
        PackageAsync(configure).GetAwaiter().GetResult();

    /// <inheritdoc cref="Package"/>
    public static async Task<IReadOnlyList<LambdaPackage>> PackageAsync(Configure<PackageSettings> configure, CancellationToken cancellationToken = default)
    {
        var settings = configure(new PackageSettings { Logger = Logger });
        // The binaries' target directories stay as they are while they are packaged (no Clean or build from elsewhere).
        using var locks = await TargetDirectoryLock.AcquireAllAsync(settings.Binaries.Select(b => b.TargetDirectory), settings.Logger ?? Logger, cancellationToken)
            .ConfigureAwait(false);
        return await LambdaPackager.PackageAsync(settings, cancellationToken).ConfigureAwait(false);
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
    public static InvokeReport Invoke(Configure<InvokeSettings> configure) =>
        InvokeAsync(configure).GetAwaiter().GetResult();

    /// <inheritdoc cref="Invoke"/>
    public static Task<InvokeReport> InvokeAsync(Configure<InvokeSettings> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return LambdaInvoker.InvokeAsync(configure(new InvokeSettings { Logger = Logger }), cancellationToken);
    }

    private static T Apply<T>(T settings, Configure<T>? configure) => configure is null ? settings : configure(settings);
}
