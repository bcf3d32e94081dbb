using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.Common;
using Nuke.Common.Execution;
using Nuke.LambdaRust.Pipeline;
using Serilog.Extensions.Logging;

namespace Nuke.LambdaRust.Components;

/// <summary>
/// The component's state, which default interface members cannot hold: one <see cref="LambdaPipeline"/> per build
/// object, made on first use and disposed (its target directory lock released) when the process exits; and how a target
/// runs a step: the result's counts into NUKE's summary, our failure as a <see cref="LambdaTargetException"/>.
/// </summary>
internal static class LambdaRustRuns
{
    private static readonly ConditionalWeakTable<IHazLambdaRust, LambdaPipeline> Pipelines = [];

    // NUKE's Serilog logger, looked up on each event (logger: null), so the one NUKE configures for the build is used.
    private static readonly ILogger Logger = new SerilogLoggerFactory(logger: null, dispose: false).CreateLogger("Nuke.LambdaRust");

    static LambdaRustRuns() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var (_, pipeline) in Pipelines)
            pipeline.Dispose();
    };

    public static LambdaPipeline Pipeline(IHazLambdaRust build) => Pipelines.GetValue(build, Create);

    /// <summary>Runs one step in a target: its summary pairs go to NUKE's end-of-build table.</summary>
    public static void Run<TResult>(IHazLambdaRust build, Func<LambdaPipeline, Task<TResult>> step, Func<TResult, IEnumerable<(string Key, string Value)>> summary)
        where TResult : IStepResult
    {
        TResult result;
        try
        {
            result = step(Pipeline(build)).GetAwaiter().GetResult();
        }
        catch (LambdaRustException failure)
        {
            build.ReportSummary(pairs => With(pairs, [("Problem", failure.Problem)]));
            throw new LambdaTargetException(failure);
        }

        build.ReportSummary(pairs => With(pairs, summary(result)));
    }

    private static Dictionary<string, string> With(Dictionary<string, string> pairs, IEnumerable<(string Key, string Value)> added)
    {
        foreach (var (key, value) in added)
            pairs[key] = value;
        return pairs;
    }

    private static LambdaPipeline Create(IHazLambdaRust build)
    {
        var settings = PipelineSettings.FromParameters(new NukeParameterReader(build), build.RootDirectory) with
        {
            PlannedSteps = PlannedSteps(build),
            ConfigureProvisioning = (build as ILambdaSetup)?.LambdaSetupSettings is { } setup ? r => setup(r) : null,
            ConfigureBuild = (build as ILambdaCompile)?.LambdaCompileSettings is { } compile ? s => compile(s) : null,
            ConfigurePackage = (build as ILambdaPackage)?.LambdaPackageSettings is { } package ? s => package(s) : null,
            ConfigureInvoke = (build as ILambdaInvoke)?.LambdaInvokeSettings is { } invoke ? s => invoke(s) : null,
        };
        settings = build.LambdaSettings(settings);
        if (LambdaRustTasks.Logger is NullLogger)
            LambdaRustTasks.Logger = Logger; // LambdaRustTasks called from the build's own targets log through NUKE too
        return new LambdaPipeline(settings, Logger);
    }

    /// <summary>The steps of the targets NUKE will run (not skipped), so what a later step needs is checked before compiling.</summary>
    private static PipelineSteps PlannedSteps(INukeBuild build)
    {
        var running = build.ExecutionPlan.Where(t => t.Status != ExecutionStatus.Skipped).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return Step(nameof(ILambdaSetup.LambdaSetup), PipelineSteps.Setup)
            | Step(nameof(ILambdaDoctor.LambdaDoctor), PipelineSteps.Doctor)
            | Step(nameof(ILambdaCompile.LambdaCompile), PipelineSteps.Compile)
            | Step(nameof(ILambdaPackage.LambdaPackage), PipelineSteps.Package)
            | Step(nameof(ILambdaVerify.LambdaVerify), PipelineSteps.Verify)
            | Step(nameof(ILambdaInvoke.LambdaInvoke), PipelineSteps.Invoke)
            | Step(nameof(ILambdaRelease.LambdaRelease), PipelineSteps.Release)
            | Step(nameof(ILambdaClean.LambdaClean), PipelineSteps.Clean);

        PipelineSteps Step(string target, PipelineSteps step) => running.Contains(target) ? step : PipelineSteps.None;
    }
}
