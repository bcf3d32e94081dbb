using System.Collections;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Nuke.LambdaRust.Host;

/// <summary>
/// Runs a <see cref="TargetGraph"/> from the command line by NUKE's rules: <c>./build.sh Package --arch arm64 x86_64</c>,
/// <c>--target</c>, <c>--skip</c>, <c>--plan</c>, <c>--help</c>, <c>--continue</c>, <c>--root</c>, <c>--verbosity</c>.
/// </summary>
public static class BuildHost
{
    /// <summary>Exit code when the build ran and every target succeeded or was skipped (also for <c>--help</c> and <c>--plan</c>).</summary>
    public const int Success = 0;

    /// <summary>Exit code for a failed target or a bad command line, parameter or graph.</summary>
    public const int Failure = 1;

    /// <summary>Exit code when the build was cancelled (Ctrl+C, SIGTERM or <c>cancellationToken</c>), as shells report SIGINT.</summary>
    public const int Cancelled = 130;

    /// <summary>
    /// Parses <paramref name="args"/>, resolves parameters, plans and runs the targets, prints the summary, and returns
    /// the exit code. Errors are printed, never thrown. While it runs, the first SIGINT/SIGTERM cancels the build.
    /// </summary>
    /// <param name="graph">The targets and parameters.</param>
    /// <param name="args">The command line, without the program name.</param>
    /// <param name="options">Output, environment, root and default target; defaults suit a real build.</param>
    /// <param name="cancellationToken">Cancels the build like Ctrl+C: the running target is Aborted, the rest NotRun.</param>
    /// <returns><see cref="Success"/>, <see cref="Failure"/> or <see cref="Cancelled"/>.</returns>
    public static async Task<int> RunAsync(TargetGraph graph, string[] args, BuildHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new BuildHostOptions();
        var output = options.Output ?? Console.Out;
        if (CommandLine.AsksForHelp(args))
        {
            HelpWriter.Write(output, graph, options.DefaultTarget);
            return Success;
        }

        var logger = new ConsoleBuildLogger(output);
        ExecutionPlan plan;
        CommandLine commandLine;
        string rootDirectory;
        ParameterValues parameters;
        try
        {
            commandLine = CommandLine.Parse(args);
            logger = new ConsoleBuildLogger(output, commandLine.Verbosity);
            var resolved = ResolvedGraph.Create(graph);
            var workingDirectory = options.WorkingDirectory ?? Directory.GetCurrentDirectory();
            rootDirectory = RootDirectoryLocator.Find(commandLine.Root, options.RootDirectory, workingDirectory);
            parameters = ParameterResolver.Resolve(graph.Parameters, commandLine.Parameters, options.Environment ?? ProcessEnvironment(), rootDirectory);
            plan = ExecutionPlan.Create(
                resolved,
                InvokedTargets(graph, commandLine, options.DefaultTarget),
                commandLine.Skip,
                commandLine.SkipTargets.Select(name => FindTarget(graph, name, $"--skip names unknown target '{name}'.")).ToList());
        }
        catch (LambdaRustException exception)
        {
            logger.LogError("{Message}", exception.Message);
            return Failure;
        }

        logger.LogDebug("Root directory: {RootDirectory}", rootDirectory);
        foreach (var parameter in parameters.All)
            logger.LogDebug("Parameter {Name} = {Value} ({Source})", parameter.Definition.Name, parameter.Display, parameter.Source ?? "default");

        if (commandLine.Plan)
        {
            IReadOnlyDictionary<string, IReadOnlyList<string>> details;
            try
            {
                details = await PlanDetailsAsync(plan, rootDirectory, logger, parameters, commandLine, graph, cancellationToken).ConfigureAwait(false);
            }
            catch (LambdaRustException exception)
            {
                logger.LogError("{Message}", exception.Message);
                return Failure;
            }

            PlanWriter.Write(output, plan, details);
            return Success;
        }

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signals = new CancelSignals(cancellation, logger);
        using var run = new RunState(graph.SharedFactories, plan.Targets.Where(t => t.SkipReason is null).Select(t => t.Name).ToList(), commandLine.PassThrough);
        var runner = new TargetRunner(
            output,
            logger,
            target => new TargetContext(target.Name, rootDirectory, logger, parameters, run),
            commandLine.Continue);

        // Tool wrappers called from the build's own targets log to this run's output too.
        var previousLogger = LambdaRustTasks.Logger;
        LambdaRustTasks.Logger = logger;
        var stopwatch = Stopwatch.StartNew();
        IReadOnlyList<TargetResult> results;
        try
        {
            results = await runner.RunAsync(plan, cancellation.Token).ConfigureAwait(false);
        }
        finally
        {
            LambdaRustTasks.Logger = previousLogger;
        }

        var cancelled = cancellation.IsCancellationRequested && results.Any(r => r.Status is TargetStatus.Aborted or TargetStatus.NotRun);
        var failed = results.Any(r => r.Status is TargetStatus.Failed);
        SummaryWriter.Write(
            output,
            results,
            stopwatch.Elapsed,
            cancelled ? "cancelled" : failed ? "failed" : "succeeded",
            table: commandLine.Verbosity >= BuildVerbosity.Minimal);
        return cancelled ? Cancelled : failed ? Failure : Success;
    }

    /// <summary>What the planned targets say about their work (<see cref="TargetDefinition.PlanDetails"/>), read with the run's parameters and shared state.</summary>
    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> PlanDetailsAsync(
        ExecutionPlan plan, string rootDirectory, ILogger logger, ParameterValues parameters, CommandLine commandLine, TargetGraph graph, CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var planned = plan.Targets.Where(t => t.SkipReason is null && t.Definition.PlanDetails is not null).ToList();
        if (planned.Count == 0)
            return details;
        using var run = new RunState(graph.SharedFactories, plan.Targets.Where(t => t.SkipReason is null).Select(t => t.Name).ToList(), commandLine.PassThrough);
        foreach (var target in planned)
            details[target.Name] = await target.Definition.PlanDetails!(new TargetContext(target.Name, rootDirectory, logger, parameters, run), cancellationToken).ConfigureAwait(false);
        return details;
    }

    private static List<TargetDefinition> InvokedTargets(TargetGraph graph, CommandLine commandLine, string? defaultTarget)
    {
        var names = commandLine.Targets.Count > 0 ? commandLine.Targets
            : defaultTarget is not null ? [defaultTarget]
            : throw new LambdaRustException(
                "No target given.",
                $"Name the targets to run, e.g. 'build {graph.Targets.FirstOrDefault(t => !t.Unlisted)?.Name ?? "<target>"}'; run with --help to list them.");

        var invoked = new List<TargetDefinition>();
        foreach (var name in names)
        {
            var target = FindTarget(graph, name, commandLine.Targets.Count > 0 ? $"Unknown target '{name}'." : $"The default target '{name}' is not a target of this build.");
            if (!invoked.Contains(target, ReferenceEqualityComparer.Instance))
                invoked.Add(target);
        }

        return invoked;
    }

    private static TargetDefinition FindTarget(TargetGraph graph, string name, string problem) =>
        graph.FindTarget(name) ?? throw new LambdaRustException(
            problem + NameMatching.DidYouMean(name, graph.Targets.Select(t => t.Name)),
            "Run with --help to list the targets.");

    private static Dictionary<string, string> ProcessEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            environment[(string)entry.Key] = (string?)entry.Value ?? "";
        return environment;
    }
}
