using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Runtime;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Pipeline;

public sealed partial class LambdaPipeline
{
    private InvokePlan? _invokePlan;

    /// <summary>Invoke's result, once it ran.</summary>
    public InvokeResult? Invoked { get; private set; }

    /// <summary>
    /// Invokes the one selected function locally, for each architecture, with the events in order: the package this
    /// run's Package wrote, or (Package skipped) the one an earlier run left in the lambda directory.
    /// </summary>
    /// <exception cref="LambdaRustException">
    /// A bad input (several functions, a missing event file, no package for an architecture), or an event that got no
    /// response (function error, init error, crash, timeout); <see cref="Invoked"/> holds the results even then.
    /// </exception>
    public async Task<InvokeResult> InvokeAsync(CancellationToken cancellationToken = default)
    {
        var plan = await CheckInvokeAsync(cancellationToken).ConfigureAwait(false);
        var reports = new List<InvokeReport>();
        foreach (var architecture in plan.Architectures)
        {
            var settings = new InvokeSettings
            {
                PackagePath = PackageToInvoke(plan, architecture),
                Architecture = architecture,
                FunctionName = plan.Function,
                Events = plan.Events,
                Timeout = Settings.InvokeTimeout,
                Environment = Settings.InvokeEnvironment,
                Logger = Logger,
            };
            settings = Settings.ConfigureInvoke?.Invoke(settings) ?? settings;
            reports.Add(await LambdaInvoker.InvokeAsync(settings, cancellationToken).ConfigureAwait(false));
        }

        Invoked = new InvokeResult(reports);
        var failures = new List<LambdaRustException>();
        foreach (var report in reports)
        {
            try
            {
                report.EnsureSucceeded();
            }
            catch (LambdaRustException failure)
            {
                failures.Add(failure);
            }
        }

        if (failures.Count > 0)
        {
            throw new LambdaRustException(
                string.Join(Environment.NewLine, failures.Select(f => f.Problem)),
                string.Join(" ", failures.Select(f => f.Fix).Distinct()));
        }

        return Invoked;
    }

    /// <summary>
    /// Checks what Invoke will need, once, before anything runs (Setup and Compile call it first when Invoke is planned):
    /// the events, one function that is not an extension, a package per architecture when Package will not write one,
    /// and the emulator when Setup will not provide it.
    /// </summary>
    private async Task<InvokePlan> CheckInvokeAsync(CancellationToken cancellationToken)
    {
        if (_invokePlan is not null)
            return _invokePlan;

        var events = Settings.EventFiles.Select(file => InvokeEvent.FromFile(Settings.Resolve(file)!))
            .Concat(Settings.EventData.Select((text, index) => InvokeEvent.FromJson(text, $"--data #{index + 1}")))
            .ToList();
        if (events.Count == 0)
        {
            Logger.LogInformation("Invoke: no --event or --data given; sending one empty event {{}}");
            events.Add(InvokeEvent.FromJson("{}", "{} (no --event or --data)"));
        }

        var settings = await BuildSettingsAsync(cancellationToken).ConfigureAwait(false);
        var project = await ProjectAsync(settings, cancellationToken).ConfigureAwait(false);
        if (project.Functions.Count != 1)
        {
            var names = project.Functions.Select(f => f.Function.Name).ToList();
            throw new LambdaRustException(
                $"Invoke runs one function, but {names.Count} are selected: {string.Join(", ", names)}.",
                $"Name the one to invoke with --function (e.g. --function {names.FirstOrDefault() ?? "NAME"}).");
        }

        var (function, config) = project.Functions[0];
        if (config.Extension == true)
        {
            throw new LambdaRustException(
                $"{function.Name} is packaged as a Lambda extension (its config sets extension = true); extensions run beside a function and are not invoked.",
                "Invoke a function (--function NAME of a binary that is not an extension).");
        }

        var architectures = LambdaBuilder.PlannedArchitectures(settings, project);
        var existing = new Dictionary<LambdaArchitecture, string>();
        if (!Settings.PlannedSteps.HasFlag(PipelineSteps.Package))
        {
            foreach (var architecture in architectures)
                existing[architecture] = ExistingPackage(settings, project, function, config, architecture, architectures.Count);
        }

        if (!Settings.PlannedSteps.HasFlag(PipelineSteps.Setup) && LambdaArchitectures.Host is { } host)
        {
            foreach (var architecture in architectures.Where(a => a != host))
                BootstrapLaunch.FindEmulator(architecture, host, Environment.GetEnvironmentVariable);
        }

        return _invokePlan = new InvokePlan(function.Name, architectures, events, existing);
    }

    /// <summary>
    /// The package an earlier run wrote, where Package would write it now (or in the other layout: a run for both
    /// architectures wrote it into its architecture's folder); a clear error when there is none.
    /// </summary>
    private string ExistingPackage(
        LambdaBuildSettings settings, LoadedProject project, LambdaFunction function, LambdaBuildConfig config, LambdaArchitecture architecture,
        int architectureCount)
    {
        var targetDirectory = LambdaBuilder.TargetDirectoryOf(settings, project.Workspace, config);
        var lambdaDirectory = PackageLayout.LambdaDirectory(Settings.Resolve(Settings.LambdaDirectory), config, project.Workspace.WorkspaceRoot, targetDirectory);
        var format = Settings.OutputFormat ?? config.OutputFormat ?? OutputFormat.Zip;
        var flatten = Settings.Flatten is { } flattened ? flattened == function.Name : config.Flatten == true;
        var layout = Settings.Layout ?? (architectureCount > 1 ? OutputLayout.ByArchitecture : OutputLayout.CargoLambda);
        var candidates = (Settings.Layout is null ? new[] { layout, layout == OutputLayout.CargoLambda ? OutputLayout.ByArchitecture : OutputLayout.CargoLambda } : [layout])
            .Select(l => PackageLayout.PathFor(lambdaDirectory, architecture, function.Name, extension: false, format, l, flatten))
            .ToList();
        var path = candidates[0];
        return candidates.FirstOrDefault(File.Exists) is { } found
            ? found
            : throw new LambdaRustException(
                $"{function.Name} was not packaged for {architecture.ToLambdaName()}: {path} does not exist, and Package does not run in this build.",
                $"Let Package run (don't skip it), or package it first: ./build.sh Package --function {function.Name} --arch {architecture.ToLambdaName()}.");
    }

    private string PackageToInvoke(InvokePlan plan, LambdaArchitecture architecture)
    {
        if (Packaged is { } packaged)
        {
            return packaged.Packages.FirstOrDefault(p => p.Name == plan.Function && p.Architecture == architecture)?.Path
                ?? throw new LambdaRustException(
                    $"{plan.Function} was not packaged for {architecture.ToLambdaName()} in this build (Package wrote {string.Join(", ", packaged.Packages.Select(p => $"{p.Name} ({p.Architecture.ToLambdaName()})"))}).",
                    $"Build and package it for {architecture.ToLambdaName()}: --arch {architecture.ToLambdaName()} --function {plan.Function}.");
        }

        var path = plan.ExistingPackages.TryGetValue(architecture, out var existing)
            ? existing
            : throw new LambdaRustException(
                $"{plan.Function} has no package for {architecture.ToLambdaName()}: Package was planned but did not run.",
                "Run Invoke with Package, or skip Package only when an earlier run packaged the function.");
        Logger.LogWarning("Package did not run in this build: invoking {Path}, written {Time:u} by an earlier run", path, File.GetLastWriteTimeUtc(path));
        return path;
    }

    /// <summary>What Invoke will do, checked before anything ran.</summary>
    private sealed record InvokePlan(
        string Function,
        IReadOnlyList<LambdaArchitecture> Architectures,
        IReadOnlyList<InvokeEvent> Events,
        IReadOnlyDictionary<LambdaArchitecture, string> ExistingPackages);
}
