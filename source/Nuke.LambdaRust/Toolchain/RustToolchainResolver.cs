using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Toolchain;

/// <summary>
/// Answers "which cargo/rustc pair has this target's standard library?". On one machine rustup's toolchain may lack
/// the aarch64 std while a distribution's rustc has it (and rustup's rustc cannot use the other's std), so the
/// answer is looked up rather than assumed.
/// </summary>
/// <remarks>
/// Order: an explicit request (a toolchain name or a rustc path: only that one, an error when it lacks the std);
/// the RUSTC environment variable; rustup's active toolchain (trying <c>rustup target add</c> once when allowed);
/// the other rustup toolchains, linked ones included; then system compilers (<c>/usr/bin/rustc</c>,
/// <c>/usr/local/bin/rustc</c>, any rustc on PATH that is not a rustup proxy) with the cargo next to them.
/// A rustc has the std when <c>&lt;sysroot&gt;/lib/rustlib/&lt;triple&gt;/lib/libstd-*.rlib</c> exists.
/// Results are cached for the life of the process.
/// </remarks>
public static class RustToolchainResolver
{
    private static readonly RustToolchainSearch ProcessSearch = new(new EnvironmentView(), RustToolchainSearch.DefaultSystemRustcPaths);

    /// <summary>Finds the toolchain to build <paramref name="target"/> with.</summary>
    /// <param name="target">The target; only its triple (without glibc suffix) matters.</param>
    /// <param name="request">What the user asked for.</param>
    /// <param name="logger">Receives the choice, warnings, and the output of <c>rustup target add</c>.</param>
    /// <param name="cancellationToken">Cancels the probes.</param>
    /// <exception cref="LambdaRustException">No candidate has the std (the message lists every candidate checked and the fixes), or a requested toolchain/rustc/cargo is unusable.</exception>
    public static Task<RustToolchain> ResolveAsync(RustTarget target, RustToolchainRequest request, ILogger logger, CancellationToken cancellationToken = default) =>
        ResolveAsync(target, request, logger, ProcessSearch, cancellationToken);

    /// <summary>Like the public overload, with the environment, system paths and caches given (for tests).</summary>
    internal static async Task<RustToolchain> ResolveAsync(RustTarget target, RustToolchainRequest request, ILogger logger, RustToolchainSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(logger);

        var key = search.CacheKey(target.Triple, request);
        if (search.Resolved.TryGetValue(key, out var cached))
            return cached;

        var toolchain = await new Resolution(target, request, logger, search).RunAsync(cancellationToken).ConfigureAwait(false);
        search.Resolved[key] = toolchain;
        logger.LogInformation("Using Rust {Version} from {Description} for {Triple}", toolchain.Version, toolchain.Description, target.Triple);
        return toolchain;
    }

    /// <summary>
    /// The fixes for a missing std, as one sentence: rustup, Debian's packages (arm64 needs a foreign architecture on an
    /// x86-64 host), and the repository's Setup target.
    /// </summary>
    internal static string MissingStdFixes(RustTarget target, string? toolchain = null, bool haveRustup = true)
    {
        var triple = target.Triple;
        var fixes = new List<string>
        {
            haveRustup
                ? toolchain is null ? $"`rustup target add {triple}`" : $"`rustup target add --toolchain {toolchain} {triple}`"
                : $"install rustup (https://rustup.rs) and run `rustup target add {triple}`",
        };

        if (target.Abi == TargetAbi.Gnu)
        {
            var debianArchitecture = target.Architecture == LambdaArchitecture.Arm64 ? "arm64" : "amd64";
            var install = LambdaArchitectures.Host == target.Architecture
                ? "apt-get install rustc-web cargo-web libstd-rust-web-dev"
                : $"dpkg --add-architecture {debianArchitecture} && apt-get update && apt-get install rustc-web cargo-web libstd-rust-web-dev:{debianArchitecture}";
            fixes.Add($"on Debian/Ubuntu without rustup's download server: `{install}` (/usr/bin/rustc is then found on its own)");
        }
        else
        {
            fixes.Add("Debian/Ubuntu ship no musl std, so use rustup or the -gnu target");
        }

        fixes.Add("or run `./build.sh Setup`, which installs what is missing");
        return string.Join("; ", fixes) + ".";
    }

    /// <summary>One resolution: the request, and the list of candidates checked so far (for the error message).</summary>
    private sealed class Resolution(RustTarget target, RustToolchainRequest request, ILogger logger, RustToolchainSearch search)
    {
        private readonly List<string> _checked = [];
        private readonly HashSet<string> _seenSysroots = new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        private RustupClient? _rustup;
        private (RustupToolchain Toolchain, RustcProbe Probe)? _activeWithoutStd;
        private string Triple => target.Triple;
        private EnvironmentView Environment => search.Environment;

        public async Task<RustToolchain> RunAsync(CancellationToken cancellationToken)
        {
            _rustup = RustupClient.Find(Environment);

            if (!string.IsNullOrWhiteSpace(request.Toolchain) && !string.IsNullOrWhiteSpace(request.RustcPath))
            {
                throw new LambdaRustException(
                    $"Both a Rust toolchain ('{request.Toolchain}', Toolchain setting) and a rustc ('{request.RustcPath}', RustcPath setting) were requested.",
                    "Set only one of them: a rustup toolchain name, or the path of a rustc.");
            }

            if (!string.IsNullOrWhiteSpace(request.Toolchain))
                return await RequestedToolchainAsync(request.Toolchain.Trim().TrimStart('+'), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(request.RustcPath))
                return await RequestedRustcAsync(request.RustcPath.Trim(), cancellationToken).ConfigureAwait(false);

            // Downloading (`rustup target add`) comes last: a toolchain already here that has the std needs no network.
            return await FromEnvironmentRustcAsync(cancellationToken).ConfigureAwait(false)
                   ?? await FromRustupAsync(cancellationToken).ConfigureAwait(false)
                   ?? await FromSystemAsync(cancellationToken).ConfigureAwait(false)
                   ?? await InstallIntoActiveToolchainAsync(cancellationToken).ConfigureAwait(false)
                   ?? throw NothingFound();
        }

        private async Task<RustToolchain> RequestedToolchainAsync(string name, CancellationToken cancellationToken)
        {
            if (_rustup is null)
            {
                throw new LambdaRustException(
                    $"The Rust toolchain '{name}' was requested (Toolchain setting), but rustup was not found (on PATH, in $CARGO_HOME/bin or ~/.cargo/bin).",
                    "Install rustup (https://rustup.rs), or set RustcPath to a rustc that has the std instead of a toolchain name.");
            }

            var toolchains = await _rustup.ListToolchainsAsync(cancellationToken).ConfigureAwait(false);
            var toolchain = MatchToolchain(toolchains, name) ?? throw new LambdaRustException(
                $"The Rust toolchain '{name}' (Toolchain setting) is not installed. Installed: {(toolchains.Count == 0 ? "none" : string.Join(", ", toolchains.Select(t => t.Name)))}.",
                $"Install it with `rustup toolchain install {name} --target {Triple}`, link a local one with `rustup toolchain link {name} <sysroot>`, or name an installed one.");

            var label = $"rustup toolchain '{toolchain.Name}' (Toolchain setting)";
            var probe = await ProbeAsync(ToolchainRustc(toolchain), label, cancellationToken).ConfigureAwait(false)
                        ?? throw new LambdaRustException($"The {label} has no working rustc: {_checked[^1]}.", $"Reinstall it with `rustup toolchain install {toolchain.Name}`, or name another toolchain.");
            if (probe.HasStd(Triple) || await TryRustupInstallAsync(toolchain, probe, cancellationToken).ConfigureAwait(false))
                return Toolchain($"rustup toolchain '{toolchain.Name}'", probe, toolchain);

            throw new LambdaRustException(
                $"The {label}, rustc {probe.Version} with sysroot {probe.Sysroot}, has no standard library for {Triple}: no libstd-*.rlib in {probe.StdDirectory(Triple)}.",
                toolchain.IsLinked
                    ? $"Install the std into that sysroot, or name a toolchain that has it. {MissingStdFixes(target, null)}"
                    : MissingStdFixes(target, toolchain.Name));
        }

        private async Task<RustToolchain> RequestedRustcAsync(string value, CancellationToken cancellationToken)
        {
            var path = ResolveExecutable(value) ?? throw new LambdaRustException(
                $"The rustc '{value}' (RustcPath setting) does not exist or is not executable.",
                "Point RustcPath at a rustc executable (e.g. /usr/bin/rustc), or remove the setting to let the library find a toolchain.");

            RustcProbe probe;
            try
            {
                probe = await RustcProbe.RunAsync(path, Environment.Overrides, cancellationToken).ConfigureAwait(false);
            }
            catch (LambdaRustException exception) when (!cancellationToken.IsCancellationRequested)
            {
                throw new LambdaRustException(
                    $"The rustc '{value}' (RustcPath setting) did not run: {FirstLine(exception)}",
                    "Point RustcPath at a working rustc, or remove the setting to let the library find a toolchain.",
                    exception);
            }

            if (probe.HasStd(Triple))
                return Toolchain($"rustc {path} (RustcPath setting)", probe, rustupToolchain: null);

            throw new LambdaRustException(
                $"The rustc '{path}' (RustcPath setting), rustc {probe.Version} with sysroot {probe.Sysroot}, has no standard library for {Triple}: no libstd-*.rlib in {probe.StdDirectory(Triple)}.",
                $"Point RustcPath at a rustc that has it, or remove the setting to let the library find one; to install it: {MissingStdFixes(target, null, _rustup is not null)}");
        }

        private async Task<RustToolchain?> FromEnvironmentRustcAsync(CancellationToken cancellationToken)
        {
            if (Environment.GetNonEmpty("RUSTC") is not { } value)
                return null;

            var label = $"RUSTC={value} (environment)";
            var path = ResolveExecutable(value);
            if (path is null)
            {
                _checked.Add($"{label}: not found");
                logger.LogWarning("RUSTC={Value} from the environment does not exist; looking for a toolchain that has the std for {Triple}", value, Triple);
                return null;
            }

            var probe = await ProbeAsync(path, label, cancellationToken).ConfigureAwait(false);
            if (probe is null)
                return null;
            if (probe.HasStd(Triple))
                return Toolchain($"rustc from RUSTC={value}", probe, rustupToolchain: null);

            RecordMissingStd(label, probe);
            logger.LogWarning(
                "RUSTC={Value} from the environment has no standard library for {Triple}; using a toolchain that has it instead (RUSTC is set to that one for the build)",
                value, Triple);
            return null;
        }

        private async Task<RustToolchain?> FromRustupAsync(CancellationToken cancellationToken)
        {
            if (_rustup is null)
            {
                _checked.Add("rustup: not found (on PATH, in $CARGO_HOME/bin or ~/.cargo/bin)");
                return null;
            }

            // Both questions only read rustup's state: ask them at once (a warm build waits for each process).
            var activeQuestion = _rustup.ActiveToolchainAsync(cancellationToken);
            IReadOnlyList<RustupToolchain> toolchains;
            try
            {
                toolchains = await _rustup.ListToolchainsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (LambdaRustException exception) when (!cancellationToken.IsCancellationRequested)
            {
                _checked.Add($"rustup ({_rustup.Executable}): `rustup toolchain list` failed: {FirstLine(exception)}");
                await activeQuestion.ConfigureAwait(false);
                return null;
            }
            catch
            {
                await Task.WhenAny(activeQuestion).ConfigureAwait(false); // wait for it: no rustup is left running
                throw;
            }

            var activeName = await activeQuestion.ConfigureAwait(false);
            var active = activeName is null ? null : toolchains.FirstOrDefault(t => t.Name == activeName)
                                                     ?? (Directory.Exists(activeName) ? new RustupToolchain(activeName, activeName, IsLinked: true) : null);
            if (toolchains.Count == 0 && active is null)
                _checked.Add($"rustup ({_rustup.Executable}): no toolchains installed");

            var ordered = active is null ? toolchains : new[] { active }.Concat(toolchains.Where(t => t.Name != active.Name));
            foreach (var toolchain in ordered)
            {
                var isActive = toolchain == active;
                var label = $"rustup toolchain '{toolchain.Name}'{(isActive ? " (active)" : "")}{(toolchain.IsLinked ? $" (linked to {toolchain.Directory})" : "")}";
                var probe = await ProbeAsync(ToolchainRustc(toolchain), label, cancellationToken).ConfigureAwait(false);
                if (probe is null || !FirstTimeSeen(probe, label))
                    continue;
                if (probe.HasStd(Triple))
                    return Toolchain($"rustup toolchain '{toolchain.Name}'", probe, toolchain);
                RecordMissingStd(label, probe);
                if (isActive)
                    _activeWithoutStd = (toolchain, probe);
            }

            return null;
        }

        /// <summary>The active rustup toolchain that lacks the std, once no other candidate has it.</summary>
        private async Task<RustToolchain?> InstallIntoActiveToolchainAsync(CancellationToken cancellationToken)
        {
            if (_activeWithoutStd is not { } active)
                return null;
            var (toolchain, probe) = active;
            return await TryRustupInstallAsync(toolchain, probe, cancellationToken).ConfigureAwait(false)
                ? Toolchain($"rustup toolchain '{toolchain.Name}'", probe, toolchain)
                : null;
        }

        private async Task<RustToolchain?> FromSystemAsync(CancellationToken cancellationToken)
        {
            var candidates = search.SystemRustcPaths.Where(EnvironmentView.IsExecutableFile)
                .Concat(Environment.PathDirectories.Select(d => Environment.FindIn(d, "rustc")).OfType<string>()
                    .Where(p => _rustup is null || !_rustup.IsProxy(p)))
                .Select(Path.GetFullPath)
                .Distinct(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

            foreach (var rustc in candidates)
            {
                var label = $"system rustc {rustc}";
                var probe = await ProbeAsync(rustc, label, cancellationToken).ConfigureAwait(false);
                if (probe is null || !FirstTimeSeen(probe, label))
                    continue;
                if (probe.HasStd(Triple))
                    return Toolchain(label, probe, rustupToolchain: null);
                RecordMissingStd(label, probe);
            }

            return null;
        }

        /// <summary>Runs <c>rustup target add</c> for the toolchain once per process; true when the std is there afterwards.</summary>
        private async Task<bool> TryRustupInstallAsync(RustupToolchain toolchain, RustcProbe probe, CancellationToken cancellationToken)
        {
            if (!request.AllowRustupInstall || toolchain.IsLinked || _rustup is null)
                return false;
            if (!search.InstallAttempts.TryAdd($"{toolchain.Name}\n{Triple}", true))
                return false;

            logger.LogInformation("rustup toolchain '{Toolchain}' has no standard library for {Triple}; trying `rustup target add`", toolchain.Name, Triple);
            try
            {
                await _rustup.AddTargetAsync(toolchain.Name, Triple, logger, cancellationToken).ConfigureAwait(false);
            }
            catch (LambdaRustException exception) when (!cancellationToken.IsCancellationRequested)
            {
                var reason = exception is ProcessFailedException failed
                    ? failed.StandardErrorTail.FirstOrDefault(l => l.StartsWith("error", StringComparison.OrdinalIgnoreCase)) ?? FirstLine(exception)
                    : FirstLine(exception);
                logger.LogWarning("`rustup target add {Triple}` failed ({Reason}); looking for another toolchain that has the std", Triple, reason);
                _checked.Add($"`rustup target add --toolchain {toolchain.Name} {Triple}` failed: {reason}");
                return false;
            }

            return probe.HasStd(Triple);
        }

        private RustToolchain Toolchain(string description, RustcProbe probe, RustupToolchain? rustupToolchain)
        {
            var environment = new Dictionary<string, string?> { ["RUSTC"] = probe.Rustc };
            if (rustupToolchain is not null)
                environment["RUSTUP_TOOLCHAIN"] = rustupToolchain.Name;
            return new RustToolchain(description, Cargo(probe, rustupToolchain), [], probe.Rustc, probe.Sysroot, probe.Version, environment);
        }

        private string Cargo(RustcProbe probe, RustupToolchain? rustupToolchain)
        {
            if (!string.IsNullOrWhiteSpace(request.CargoPath))
            {
                return ResolveExecutable(request.CargoPath.Trim()) ?? throw new LambdaRustException(
                    $"The cargo '{request.CargoPath}' (CargoPath setting) does not exist or is not executable.",
                    "Point CargoPath at a cargo executable (e.g. /usr/bin/cargo), or remove the setting to use the cargo next to the chosen rustc.");
            }

            // The cargo of the same installation first: cargo and rustc versions should match.
            var directory = rustupToolchain is not null ? Path.Combine(rustupToolchain.Directory, "bin") : Path.GetDirectoryName(probe.Rustc)!;
            return Environment.FindIn(directory, "cargo")
                   ?? _rustup?.CargoProxy
                   ?? Environment.FindOnPath("cargo")
                   ?? "cargo";
        }

        private async Task<RustcProbe?> ProbeAsync(string rustc, string label, CancellationToken cancellationToken)
        {
            if (!EnvironmentView.IsExecutableFile(rustc))
            {
                _checked.Add($"{label}: no rustc at {rustc}");
                return null;
            }

            try
            {
                var key = $"{rustc}\n{Environment.Get("RUSTUP_TOOLCHAIN")}";
                // The shared probe is not tied to one caller's token (a cancelled caller must not poison the cache);
                // each caller still stops waiting when its own token fires.
                var probe = await search.Probes.GetOrAdd(key, _ => RustcProbe.RunAsync(rustc, Environment.Overrides, CancellationToken.None))
                    .WaitAsync(cancellationToken).ConfigureAwait(false);
                logger.LogDebug("{Label}: {Version}, sysroot {Sysroot}", label, probe.VersionLine, probe.Sysroot);
                return probe;
            }
            catch (LambdaRustException exception)
            {
                _checked.Add($"{label}: did not run ({FirstLine(exception)})");
                return null;
            }
        }

        private bool FirstTimeSeen(RustcProbe probe, string label)
        {
            if (_seenSysroots.Add(Path.TrimEndingDirectorySeparator(Path.GetFullPath(probe.Sysroot))))
                return true;
            logger.LogDebug("{Label}: same sysroot {Sysroot} as a candidate checked before", label, probe.Sysroot);
            return false;
        }

        private void RecordMissingStd(string label, RustcProbe probe)
        {
            _checked.Add($"{label}: rustc {probe.Version}, no libstd-*.rlib in {probe.StdDirectory(Triple)}");
            logger.LogDebug("{Label} has no standard library for {Triple}", label, Triple);
        }

        private LambdaRustException NothingFound()
        {
            var problem = $"No Rust toolchain on this machine has the standard library for {Triple}. Checked:"
                          + string.Concat(_checked.Select(c => $"{System.Environment.NewLine}  - {c}"));
            return new LambdaRustException(problem, MissingStdFixes(target, null, _rustup is not null));
        }

        private string? ResolveExecutable(string value)
        {
            if (!EnvironmentView.LooksLikePath(value))
                return Environment.FindOnPath(value);
            var path = Path.GetFullPath(value);
            return EnvironmentView.IsExecutableFile(path) ? path : null;
        }

        private string ToolchainRustc(RustupToolchain toolchain) =>
            Path.Combine(toolchain.Directory, "bin", OperatingSystem.IsWindows() ? "rustc.exe" : "rustc");

        /// <summary>rustup accepts short names (<c>stable</c> means <c>stable-&lt;host&gt;</c>); so do we.</summary>
        private static RustupToolchain? MatchToolchain(IReadOnlyList<RustupToolchain> toolchains, string name)
        {
            var exact = toolchains.FirstOrDefault(t => t.Name == name)
                        ?? toolchains.FirstOrDefault(t => t.Name == $"{name}-{HostPlatforms.HostTriple()}");
            if (exact is not null)
                return exact;
            var prefixed = toolchains.Where(t => t.Name.StartsWith(name + "-", StringComparison.Ordinal)).ToList();
            return prefixed.Count == 1 ? prefixed[0] : null;
        }

        private static string FirstLine(LambdaRustException exception) =>
            exception.Problem.Split('\n', 2)[0].TrimEnd('\r');
    }
}
