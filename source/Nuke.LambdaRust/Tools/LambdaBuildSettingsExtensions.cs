using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Tools;

/// <summary>Fluent setters shared by <see cref="ZigBuildSettings"/>, <see cref="CargoBuildSettings"/> and <see cref="CrossBuildSettings"/>.</summary>
public static class LambdaBuildSettingsExtensions
{
    // `with` on a type parameter is not allowed, but on the base record it clones the runtime type, so the cast is safe.
    private static T With<T>(this T settings, Func<LambdaBuildSettings, LambdaBuildSettings> change) where T : LambdaBuildSettings =>
        (T)change(settings);

    /// <summary>Sets <see cref="LambdaBuildSettings.ManifestPath"/>.</summary>
    public static T SetManifestPath<T>(this T s, string? path) where T : LambdaBuildSettings => s.With(x => x with { ManifestPath = path });

    /// <summary>Builds for one architecture.</summary>
    public static T SetArchitecture<T>(this T s, LambdaArchitecture architecture) where T : LambdaBuildSettings => s.With(x => x with { Architectures = [architecture] });

    /// <summary>Builds for these architectures.</summary>
    public static T SetArchitectures<T>(this T s, params LambdaArchitecture[] architectures) where T : LambdaBuildSettings => s.With(x => x with { Architectures = architectures.Distinct().ToArray() });

    /// <summary>Adds architectures.</summary>
    public static T AddArchitectures<T>(this T s, params LambdaArchitecture[] architectures) where T : LambdaBuildSettings => s.With(x => x with { Architectures = x.Architectures.Concat(architectures).Distinct().ToArray() });

    /// <summary>Falls back to the project's config or the host architecture.</summary>
    public static T ClearArchitectures<T>(this T s) where T : LambdaBuildSettings => s.With(x => x with { Architectures = [] });

    /// <summary>Builds only these functions (binary targets).</summary>
    public static T SetFunctions<T>(this T s, params string[] functions) where T : LambdaBuildSettings => s.With(x => x with { Functions = functions });

    /// <summary>Adds functions to build.</summary>
    public static T AddFunctions<T>(this T s, params string[] functions) where T : LambdaBuildSettings => s.With(x => x with { Functions = [.. x.Functions, .. functions] });

    /// <summary>Builds every function again.</summary>
    public static T ClearFunctions<T>(this T s) where T : LambdaBuildSettings => s.With(x => x with { Functions = [] });

    /// <summary>Builds only the functions of these packages.</summary>
    public static T SetPackages<T>(this T s, params string[] packages) where T : LambdaBuildSettings => s.With(x => x with { Packages = packages });

    /// <summary>Adds packages.</summary>
    public static T AddPackages<T>(this T s, params string[] packages) where T : LambdaBuildSettings => s.With(x => x with { Packages = [.. x.Packages, .. packages] });

    /// <summary>Sets <see cref="LambdaBuildSettings.Release"/>.</summary>
    public static T SetRelease<T>(this T s, bool? release) where T : LambdaBuildSettings => s.With(x => x with { Release = release });

    /// <summary>Builds with the release profile.</summary>
    public static T EnableRelease<T>(this T s) where T : LambdaBuildSettings => s.SetRelease(true);

    /// <summary>Builds with the dev profile.</summary>
    public static T DisableRelease<T>(this T s) where T : LambdaBuildSettings => s.SetRelease(false);

    /// <summary>Lets the project's config decide.</summary>
    public static T ResetRelease<T>(this T s) where T : LambdaBuildSettings => s.SetRelease(null);

    /// <summary>Builds with a named cargo profile.</summary>
    public static T SetProfile<T>(this T s, string? profile) where T : LambdaBuildSettings => s.With(x => x with { Profile = profile });

    /// <summary>Enables these features (replacing the project's configured ones).</summary>
    public static T SetFeatures<T>(this T s, params string[] features) where T : LambdaBuildSettings => s.With(x => x with { Features = features });

    /// <summary>Adds features.</summary>
    public static T AddFeatures<T>(this T s, params string[] features) where T : LambdaBuildSettings => s.With(x => x with { Features = [.. x.Features, .. features] });

    /// <summary>Removes every feature set in code.</summary>
    public static T ClearFeatures<T>(this T s) where T : LambdaBuildSettings => s.With(x => x with { Features = [] });

    /// <summary>Passes <c>--all-features</c>.</summary>
    public static T EnableAllFeatures<T>(this T s) where T : LambdaBuildSettings => s.With(x => x with { AllFeatures = true });

    /// <summary>Stops passing <c>--all-features</c>.</summary>
    public static T DisableAllFeatures<T>(this T s) where T : LambdaBuildSettings => s.With(x => x with { AllFeatures = false });

    /// <summary>Passes <c>--no-default-features</c>.</summary>
    public static T EnableNoDefaultFeatures<T>(this T s) where T : LambdaBuildSettings => s.With(x => x with { NoDefaultFeatures = true });

    /// <summary>Stops passing <c>--no-default-features</c>.</summary>
    public static T DisableNoDefaultFeatures<T>(this T s) where T : LambdaBuildSettings => s.With(x => x with { NoDefaultFeatures = false });

    /// <summary>Passes <c>--locked</c>: fail when Cargo.lock needs an update.</summary>
    public static T EnableLocked<T>(this T s) where T : LambdaBuildSettings => s.With(x => x with { Locked = true });

    /// <summary>Stops passing <c>--locked</c>.</summary>
    public static T DisableLocked<T>(this T s) where T : LambdaBuildSettings => s.With(x => x with { Locked = false });

    /// <summary>Passes <c>--frozen</c>: <c>--locked</c> and <c>--offline</c> together.</summary>
    public static T EnableFrozen<T>(this T s) where T : LambdaBuildSettings => s.With(x => x with { Frozen = true });

    /// <summary>Stops passing <c>--frozen</c>.</summary>
    public static T DisableFrozen<T>(this T s) where T : LambdaBuildSettings => s.With(x => x with { Frozen = false });

    /// <summary>Passes <c>--offline</c>: no network access.</summary>
    public static T EnableOffline<T>(this T s) where T : LambdaBuildSettings => s.With(x => x with { Offline = true });

    /// <summary>Stops passing <c>--offline</c>.</summary>
    public static T DisableOffline<T>(this T s) where T : LambdaBuildSettings => s.With(x => x with { Offline = false });

    /// <summary>Sets cargo's <c>--jobs</c>.</summary>
    public static T SetJobs<T>(this T s, int? jobs) where T : LambdaBuildSettings => s.With(x => x with { Jobs = jobs });

    /// <summary>Sets how cargo-lambda's config is found and layered.</summary>
    public static T SetConfigOptions<T>(this T s, Cargo.LambdaConfigOptions options) where T : LambdaBuildSettings => s.With(x => x with { ConfigOptions = options });

    /// <summary>Sets cargo's target directory.</summary>
    public static T SetTargetDirectory<T>(this T s, string? directory) where T : LambdaBuildSettings => s.With(x => x with { TargetDirectory = directory });

    /// <summary>Sets the Lambda runtime (its glibc caps what the binaries may need).</summary>
    public static T SetRuntime<T>(this T s, LambdaRuntime? runtime) where T : LambdaBuildSettings => s.With(x => x with { Runtime = runtime });

    /// <summary>Overrides the runtime's glibc version.</summary>
    public static T SetGlibc<T>(this T s, Version? glibc) where T : LambdaBuildSettings => s.With(x => x with { Glibc = glibc });

    /// <summary>Sets an environment variable for cargo.</summary>
    public static T SetEnvironmentVariable<T>(this T s, string name, string value) where T : LambdaBuildSettings =>
        s.With(x => x with { EnvironmentVariables = new Dictionary<string, string>(x.EnvironmentVariables) { [name] = value } });

    /// <summary>Sets an environment variable whose value is a secret: it is redacted wherever it would be logged.</summary>
    public static T SetSecretEnvironmentVariable<T>(this T s, string name, string value) where T : LambdaBuildSettings =>
        s.SetEnvironmentVariable(name, value).AddSecrets(value);

    /// <summary>Removes every environment variable set in code.</summary>
    public static T ClearEnvironmentVariables<T>(this T s) where T : LambdaBuildSettings => s.With(x => x with { EnvironmentVariables = new Dictionary<string, string>() });

    /// <summary>Appends arguments to the cargo command line.</summary>
    public static T AddCargoArguments<T>(this T s, params string[] arguments) where T : LambdaBuildSettings => s.With(x => x with { CargoArguments = [.. x.CargoArguments, .. arguments] });

    /// <summary>Removes the extra cargo arguments.</summary>
    public static T ClearCargoArguments<T>(this T s) where T : LambdaBuildSettings => s.With(x => x with { CargoArguments = [] });

    /// <summary>Applies cargo-lambda's release optimizations (the default).</summary>
    public static T EnableReleaseOptimizations<T>(this T s) where T : LambdaBuildSettings => s.With(x => x with { ReleaseOptimizations = true });

    /// <summary>Builds the release profile exactly as the project defines it.</summary>
    public static T DisableReleaseOptimizations<T>(this T s) where T : LambdaBuildSettings => s.With(x => x with { ReleaseOptimizations = false });

    /// <summary>Uses this rustup toolchain.</summary>
    public static T SetToolchain<T>(this T s, string? toolchain) where T : LambdaBuildSettings => s.With(x => x with { Toolchain = toolchain });

    /// <summary>Uses this cargo executable.</summary>
    public static T SetCargoPath<T>(this T s, string? path) where T : LambdaBuildSettings => s.With(x => x with { CargoPath = path });

    /// <summary>Uses this rustc executable.</summary>
    public static T SetRustcPath<T>(this T s, string? path) where T : LambdaBuildSettings => s.With(x => x with { RustcPath = path });

    /// <summary>Adds values to redact from logs.</summary>
    public static T AddSecrets<T>(this T s, params string[] secrets) where T : LambdaBuildSettings => s.With(x => x with { Secrets = [.. x.Secrets, .. secrets] });

    /// <summary>Sends output to this logger.</summary>
    public static T SetLogger<T>(this T s, ILogger? logger) where T : LambdaBuildSettings => s.With(x => x with { Logger = logger });
}
