namespace Nuke.LambdaRust.Host;

/// <summary>
/// Our targets as data: <c>Setup</c> → <c>Doctor</c> → <c>Compile</c> → <c>Package</c> → <c>Verify</c>, <c>Invoke</c>, <c>Release</c>, <c>Matrix</c>, plus <c>Clean</c>, each one step of the run's
/// <see cref="LambdaPipeline"/>. Add them to a graph, then add your own beside them
/// (<c>graph.Add("Deploy", t => t.DependsOn(LambdaTargets.Package)...)</c>) and read the typed results with
/// <see cref="Pipeline(TargetContext)"/>.
/// </summary>
public static class LambdaTargets
{
    /// <summary>Target names.</summary>
    public const string Setup = "Setup", Doctor = "Doctor", Compile = "Compile", Package = "Package", Verify = "Verify", Invoke = "Invoke", Clean = "Clean",
        Release = "Release", Matrix = "Matrix";

    /// <summary>Adds our parameters and targets to <paramref name="graph"/>.</summary>
    /// <param name="graph">The graph to extend.</param>
    /// <param name="configure">Changes the pipeline settings the parameters give (e.g. what Setup provisions, or a build settings hook).</param>
    public static TargetGraph AddTo(TargetGraph graph, Func<PipelineSettings, PipelineSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        foreach (var parameter in LambdaParameters.All)
            graph.AddParameter(parameter);

        graph.AddShared(context =>
        {
            var settings = PipelineSettings.FromParameters(new ContextParameterReader(context), context.RootDirectory) with
            {
                PlannedSteps = PlannedSteps(context),
                CargoArguments = context.PassThroughArguments,
            };
            return new LambdaPipeline(configure?.Invoke(settings) ?? settings, context.Logger);
        });

        return graph
            .Add(Clean, t => t
                .Description(StepDescriptions.Clean)
                .Before(Setup, Doctor, Compile)
                .Executes(async (context, ct) => context.Note((await Pipeline(context).CleanAsync(ct).ConfigureAwait(false)).Summary)))
            .Add(Setup, t => t
                .Description(StepDescriptions.Setup)
                .Executes(async (context, ct) => context.Note((await Pipeline(context).SetupAsync(ct).ConfigureAwait(false)).Summary)))
            .Add(Doctor, t => t
                .Description(StepDescriptions.Doctor)
                .After(Setup)
                .Executes(async (context, ct) => context.Note((await Pipeline(context).DoctorAsync(ct).ConfigureAwait(false)).Summary)))
            .Add(Compile, t => t
                .Description(StepDescriptions.Compile)
                .DependsOn(Setup, Doctor)
                .Executes(async (context, ct) => context.Note((await Pipeline(context).CompileAsync(ct).ConfigureAwait(false)).Summary)))
            .Add(Package, t => t
                .Description(StepDescriptions.Package)
                .DependsOn(Compile)
                .Executes(async (context, ct) => context.Note((await Pipeline(context).PackageAsync(ct).ConfigureAwait(false)).Summary)))
            .Add(Verify, t => t
                .Description(StepDescriptions.Verify)
                .DependsOn(Package)
                .Executes(async (context, ct) => context.Note((await Pipeline(context).VerifyAsync(ct).ConfigureAwait(false)).Summary)))
            .Add(Invoke, t => t
                .Description(StepDescriptions.Invoke)
                .DependsOn(Package)
                .Executes(async (context, ct) => context.Note((await Pipeline(context).InvokeAsync(ct).ConfigureAwait(false)).Summary)))
            .Add(Release, t => t
                .Description(StepDescriptions.Release)
                .DependsOn(Setup)
                .ExplainsPlan(ReleasePlanAsync)
                .Executes(async (context, ct) => context.Note((await Pipeline(context).ReleaseAsync(ct).ConfigureAwait(false)).Summary)))
            .Add(Matrix, t => t
                .Description(StepDescriptions.Matrix)
                .ExplainsPlan(ReleasePlanAsync)
                .Executes(async (context, ct) => context.Note((await Pipeline(context).MatrixAsync(ct).ConfigureAwait(false)).Summary)));
    }

    /// <summary>
    /// The run's pipeline: its settings, and each step's typed result once the step ran
    /// (<c>LambdaTargets.Pipeline(context).Packaged!.Packages</c> in a target after Package).
    /// </summary>
    public static LambdaPipeline Pipeline(TargetContext context) => context.Shared<LambdaPipeline>();

    private static PipelineSteps PlannedSteps(TargetContext context) =>
        (context.WillRun(Setup) ? PipelineSteps.Setup : 0)
        | (context.WillRun(Compile) ? PipelineSteps.Compile : 0)
        | (context.WillRun(Package) ? PipelineSteps.Package : 0)
        | (context.WillRun(Clean) ? PipelineSteps.Clean : 0)
        | (context.WillRun(Invoke) ? PipelineSteps.Invoke : 0)
        | (context.WillRun(Doctor) ? PipelineSteps.Doctor : 0)
        | (context.WillRun(Verify) ? PipelineSteps.Verify : 0)
        | (context.WillRun(Release) ? PipelineSteps.Release : 0);

    /// <summary>For <c>--plan</c>: each function in or out of the release, and why (with --changed-since, the changes that reach it).</summary>
    private static async Task<IReadOnlyList<string>> ReleasePlanAsync(TargetContext context, CancellationToken cancellationToken)
    {
        var pipeline = Pipeline(context);
        if (pipeline.Settings.MergeDirectories.Count > 0)
            return [$"merges {string.Join(", ", pipeline.Settings.MergeDirectories)}"];
        var changes = await pipeline.ReleasePlanAsync(cancellationToken).ConfigureAwait(false);
        return [.. changes.Select(c => c.ToString())];
    }
}
