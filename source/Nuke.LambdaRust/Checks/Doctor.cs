using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Processes;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Checks;

/// <summary>
/// Checks a build before it compiles: for each build group it resolves the dependency graph the functions would link
/// (<c>cargo metadata</c> for the target and features, else Cargo.lock) and runs every rule on it. Nothing is built.
/// </summary>
internal static class Doctor
{
    public static async Task<DoctorReport> RunAsync(
        LambdaBuildSettings settings, LoadedProject project, IReadOnlySet<string> allowed, CancellationToken cancellationToken)
    {
        var logger = settings.Logger ?? NullLogger.Instance;
        var stopwatch = Stopwatch.StartNew();
        var workspace = project.Workspace;
        var graphs = new Dictionary<string, DependencyGraph>(StringComparer.Ordinal);
        var reports = new List<DoctorGroupReport>();
        foreach (var group in BuildPlanner.Plan(settings, project.Functions, workspace.WorkspaceRoot))
        {
            var request = RequestFor(group, workspace);
            if (!graphs.TryGetValue(request.Key, out var graph))
            {
                var cargo = await CargoForAsync(settings, workspace, group, logger, cancellationToken).ConfigureAwait(false);
                graphs[request.Key] = graph = await DependencyGraphLoader.LoadAsync(workspace, request, cargo, logger, cancellationToken).ConfigureAwait(false);
            }

            var notes = new List<string>();
            if (graph.Note is { } fallback)
                notes.Add($"cargo metadata could not resolve ({fallback}): the graph comes from {(graph.Source == GraphSource.CargoLock ? "Cargo.lock and the manifests" : "the manifests")}, without platform or feature filtering");
            var crates = CratesOf(graph, group, notes);
            var environment = new BuildContext(settings, workspace, logger).UserEnvironment(group);
            var context = new DoctorContext(graph, crates, settings.Compiler, group.Target, RuntimeChoice.For(settings.Runtime, group.Target),
                IsForeign(group.Architecture), environment, new EnvironmentView(environment))
            {
                GlibcOverride = settings.Glibc,
                AddsTargetCpu = group.IsRelease && group.Options.ReleaseOptimizations,
                // Finding the toolchain runs rustc a few times: only worth it when a crate declares a rust-version.
                RustcVersion = crates.Any(c => c.Item1.RustVersion is not null)
                    ? await RustcVersionAsync(settings, workspace, group, logger, notes, cancellationToken).ConfigureAwait(false)
                    : null,
                IgnoresRustVersion = group.Options.IgnoreRustVersion,
                TargetCCompiler = TargetCCompiler(settings, group, environment),
            };

            var findings = CheckRules.Doctor.SelectMany(rule => rule.Check(context))
                .Select(f => allowed.Contains(f.Rule) ? f with { Allowed = true } : f)
                .OrderByDescending(f => f.Severity)
                .ToList();
            reports.Add(new DoctorGroupReport(group.Architecture, group.Target, settings.Compiler, context.Runtime,
                group.Functions.Select(f => f.Function.Name).ToList(), graph, findings) { Notes = notes });
        }

        return new DoctorReport(reports) { Duration = stopwatch.Elapsed };
    }

    /// <summary>
    /// The Doctor as a step: checks the allow list, runs every rule, logs the table, writes the JSON report when asked
    /// (before failing, so CI gets it either way), then fails on errors.
    /// </summary>
    /// <exception cref="LambdaRustException">An unknown rule in the allow list, or a finding that fails.</exception>
    public static async Task<DoctorReport> CheckAsync(
        LambdaBuildSettings settings, LoadedProject project, IEnumerable<string> allowedRules, string? jsonReportPath, CancellationToken cancellationToken)
    {
        var logger = settings.Logger ?? NullLogger.Instance;
        var allowed = CheckRules.ParseAllowed(allowedRules, "--allow");
        var report = await RunAsync(settings, project, allowed, cancellationToken).ConfigureAwait(false);
        logger.Log(report.Passed ? LogLevel.Information : LogLevel.Error, "{Table}", DoctorReportWriter.Table(report));
        var cargo = report.Groups.Select(g => g.Graph).Distinct().Sum(g => g.CargoDuration.TotalMilliseconds);
        logger.LogInformation("Doctor took {Milliseconds} ms ({Cargo} ms of it in cargo metadata)", (long)report.Duration.TotalMilliseconds, (long)cargo);
        if (jsonReportPath is not null)
        {
            DoctorReportWriter.WriteJson(report, jsonReportPath);
            logger.LogInformation("Doctor report: {Path}", Path.GetFullPath(jsonReportPath));
        }

        ThrowIfFailed(report);
        return report;
    }

    /// <summary>Fails with every error the report holds (allowed ones excepted), each with its path and fix.</summary>
    /// <exception cref="LambdaRustException">At least one finding fails.</exception>
    public static void ThrowIfFailed(DoctorReport report)
    {
        var errors = report.Findings.Where(f => f.Fails).DistinctBy(f => (f.Rule, f.Subject, f.PathText)).ToList();
        if (errors.Count == 0)
            return;
        throw new LambdaRustException(
            $"Doctor found {errors.Count} error{(errors.Count == 1 ? "" : "s")}:{Environment.NewLine}" +
            string.Join(Environment.NewLine, errors.Select(e => $"  [{e.Rule}] {e.Message}{(e.Path.Count > 0 ? $" ({e.PathText})" : "")}")),
            string.Join(Environment.NewLine, errors.Select(e => $"[{e.Rule}] {e.Fix}").Distinct()) +
            $"{Environment.NewLine}To go on anyway, allow a rule on purpose: --allow {string.Join(" ", errors.Select(e => e.Rule).Distinct())}.");
    }

    /// <summary>
    /// The metadata request of a group, with features as the build passes them: one package's functions resolve from its
    /// own manifest (plain features are its features); several packages from the workspace root, with features qualified.
    /// </summary>
    private static GraphRequest RequestFor(BuildGroup group, CargoWorkspace workspace)
    {
        var packages = group.Functions.Select(f => f.Function).DistinctBy(f => f.Package).ToList();
        var single = packages.Count == 1;
        var features = single
            ? group.Features
            : group.Features.SelectMany(f => f.Contains('/') ? [f] : packages.Select(p => $"{p.Package}/{f}")).ToList();
        var options = group.Options;
        return new GraphRequest(single ? packages[0].ManifestPath : workspace.RootManifestPath, group.Target.Triple, features,
            options.AllFeatures, options.NoDefaultFeatures, options.Locked, options.Frozen, options.Offline, options.Config, group.Environment);
    }

    private static List<(CrateNode, IReadOnlyList<string>)> CratesOf(DependencyGraph graph, BuildGroup group, List<string> notes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var crates = new List<(CrateNode, IReadOnlyList<string>)>();
        foreach (var package in group.Functions.Select(f => f.Function.Package).Distinct(StringComparer.Ordinal))
        {
            if (graph.Member(package) is not { } root)
            {
                notes.Add($"the package {package} is not in the dependency graph; its dependencies were not checked");
                continue;
            }

            crates.AddRange(graph.Reachable(root).Where(c => seen.Add(c.Crate.Id)).Select(c => (c.Crate, c.Path)));
        }

        return crates;
    }

    /// <summary>
    /// The cargo (and its RUSTC) the build will run for the group, so that cargo's rustc cache in the target folder
    /// (<c>.rustc_info.json</c>) is not rewritten for another rustc before every build; cross, or no toolchain found
    /// yet, resolves with the cargo on PATH as before.
    /// </summary>
    private static async Task<CargoCommand> CargoForAsync(
        LambdaBuildSettings settings, CargoWorkspace workspace, BuildGroup group, ILogger logger, CancellationToken cancellationToken)
    {
        var fallback = settings.CargoPath is null ? CargoCommand.Default : new CargoCommand(settings.CargoPath, [], new Dictionary<string, string?>());
        if (settings.Compiler == LambdaCompiler.Cross)
            return fallback;
        try
        {
            var toolchain = await RustToolchains.ResolveAsync(new BuildContext(settings, workspace, logger), group, cancellationToken).ConfigureAwait(false);
            return new CargoCommand(toolchain.Cargo, toolchain.CargoPrefixArguments, toolchain.Environment);
        }
        catch (LambdaRustException exception)
        {
            logger.LogDebug("Doctor: no toolchain for {Triple} ({Problem}); cargo metadata runs with {Cargo}", group.Target.Triple, exception.Problem.Split('\n')[0], fallback.FileName);
            return fallback;
        }
    }

    private static async Task<string?> RustcVersionAsync(
        LambdaBuildSettings settings, CargoWorkspace workspace, BuildGroup group, ILogger logger, List<string> notes, CancellationToken cancellationToken)
    {
        if (settings.Compiler == LambdaCompiler.Cross)
            return null; // cross builds with the toolchain in its image
        try
        {
            return (await RustToolchains.ResolveAsync(new BuildContext(settings, workspace, logger), group, cancellationToken).ConfigureAwait(false)).Version;
        }
        catch (LambdaRustException exception)
        {
            notes.Add($"no Rust toolchain for {group.Target.Triple} was found, so rust-version was not checked: {exception.Problem.Split('\n')[0]}");
            return null;
        }
    }

    /// <summary>The C compiler cc-rs will use for a foreign target with plain cargo: one the user set, or the gcc linker our cargo strategy passes on as CC.</summary>
    private static string? TargetCCompiler(LambdaBuildSettings settings, BuildGroup group, IReadOnlyDictionary<string, string?> environment)
    {
        if (settings.Compiler != LambdaCompiler.Cargo || !IsForeign(group.Architecture))
            return null;
        string? Variable(string name) => environment.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
        if ((Variable($"CC_{group.Target.Triple}") ?? Variable($"CC_{group.Target.CcKey}") ?? Variable("TARGET_CC")) is { } explicitCompiler)
            return explicitCompiler;
        var linker = (settings as CargoBuildSettings)?.Linkers.GetValueOrDefault(group.Architecture)
                     ?? Variable($"CARGO_TARGET_{group.Target.EnvironmentKey}_LINKER")
                     ?? new EnvironmentView(environment).FindExecutable($"{group.Architecture.ToRustArch()}-linux-gnu-gcc");
        return linker is not null && Path.GetFileName(linker).EndsWith("gcc", StringComparison.Ordinal) ? linker : null;
    }

    private static bool IsForeign(LambdaArchitecture architecture) => !(OperatingSystem.IsLinux() && LambdaArchitectures.Host == architecture);
}
