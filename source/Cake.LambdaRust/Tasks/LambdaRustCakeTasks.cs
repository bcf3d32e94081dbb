using System.Runtime.CompilerServices;
using Cake.Core;
using Microsoft.Extensions.Logging;
using Nuke.LambdaRust;
using Nuke.LambdaRust.Pipeline;

namespace Cake.LambdaRust.Tasks;

/// <summary>
/// Our target graph as Cake tasks of one Cake engine: <c>Setup</c>, <c>Doctor</c>, <c>Compile</c> (on Setup and
/// Doctor), <c>Package</c> (on Compile), <c>Verify</c> and <c>Invoke</c> (on Package), <c>Release</c> (on Setup), <c>Matrix</c> and <c>Clean</c>, each one step of
/// the run's <see cref="LambdaPipeline"/>. The pipeline is made when the first of them runs, from Cake's arguments and
/// knowing which of our tasks the run will take; it is disposed (its target directory lock released) after Cake's teardown.
/// </summary>
internal sealed class LambdaRustCakeTasks
{
    public const string Setup = "Setup", Doctor = "Doctor", Compile = "Compile", Package = "Package", Verify = "Verify", Invoke = "Invoke", Release = "Release",
        Matrix = "Matrix", Clean = "Clean";

    private static readonly (string Name, PipelineSteps Step)[] Steps =
    [
        (Clean, PipelineSteps.Clean), (Setup, PipelineSteps.Setup), (Doctor, PipelineSteps.Doctor), (Compile, PipelineSteps.Compile),
        (Package, PipelineSteps.Package), (Verify, PipelineSteps.Verify), (Invoke, PipelineSteps.Invoke),
        (Release, PipelineSteps.Release), (Matrix, PipelineSteps.None),
    ];

    private static readonly ConditionalWeakTable<ICakeEngine, LambdaRustCakeTasks> Registrations = [];

    private readonly Func<PipelineSettings, PipelineSettings>? _configure;
    private readonly Lock _gate = new();
    private PipelineSteps? _planned;
    private LambdaPipeline? _pipeline;

    private LambdaRustCakeTasks(Func<PipelineSettings, PipelineSettings>? configure) => _configure = configure;

    /// <summary>Adds our tasks to the engine running <paramref name="context"/>'s script.</summary>
    /// <exception cref="LambdaRustException">They were added already, or the script has a task of the same name.</exception>
    public static void Register(ICakeContext context, Func<PipelineSettings, PipelineSettings>? configure)
    {
        var engine = Engine(context);
        if (Registrations.TryGetValue(engine, out _))
            throw new LambdaRustException("RegisterLambdaRustTasks() is called a second time in this build.", "Call it once, before RunTarget.");
        var clashes = engine.Tasks.Select(t => t.Name).Intersect(Steps.Select(s => s.Name), StringComparer.OrdinalIgnoreCase).ToList();
        if (clashes.Count > 0)
        {
            throw new LambdaRustException(
                $"The script already has a task named {string.Join(" and ", clashes.Select(c => $"'{c}'"))}, which RegisterLambdaRustTasks() adds.",
                "Rename your task (make it depend on ours, e.g. Task(\"Deploy\").IsDependentOn(\"Package\")), or call the aliases (LambdaRustZigBuild, LambdaRustPackage ...) from your own tasks instead.");
        }

        var tasks = new LambdaRustCakeTasks(configure);
        Registrations.Add(engine, tasks);
        // Cake 7 keeps every setup action (the script's own Setup too); ours learns which tasks the run takes.
        engine.RegisterSetupAction(tasks.Plan);
        engine.AfterTeardown += (_, _) => tasks.Dispose();

        engine.RegisterTask(Clean)
            .Description(StepDescriptions.Clean)
            .Does(c => tasks.RunAsync(c, (p, ct) => p.CleanAsync(ct)));
        engine.RegisterTask(Setup)
            .Description(StepDescriptions.Setup)
            .Does(c => tasks.RunAsync(c, (p, ct) => p.SetupAsync(ct)));
        engine.RegisterTask(Doctor)
            .Description(StepDescriptions.Doctor)
            .Does(c => tasks.RunAsync(c, (p, ct) => p.DoctorAsync(ct)));
        engine.RegisterTask(Compile)
            .Description(StepDescriptions.Compile)
            .IsDependentOn(Setup)
            .IsDependentOn(Doctor)
            .Does(c => tasks.RunAsync(c, (p, ct) => p.CompileAsync(ct)));
        engine.RegisterTask(Package)
            .Description(StepDescriptions.Package)
            .IsDependentOn(Compile)
            .Does(c => tasks.RunAsync(c, (p, ct) => p.PackageAsync(ct)));
        engine.RegisterTask(Verify)
            .Description(StepDescriptions.Verify)
            .IsDependentOn(Package)
            .Does(c => tasks.RunAsync(c, (p, ct) => p.VerifyAsync(ct)));
        engine.RegisterTask(Invoke)
            .Description(StepDescriptions.Invoke)
            .IsDependentOn(Package)
            .Does(c => tasks.RunAsync(c, (p, ct) => p.InvokeAsync(ct)));
        engine.RegisterTask(Release)
            .Description(StepDescriptions.Release)
            .IsDependentOn(Setup)
            .Does(c => tasks.RunAsync(c, (p, ct) => p.ReleaseAsync(ct)));
        engine.RegisterTask(Matrix)
            .Description(StepDescriptions.Matrix)
            .Does(c => tasks.RunAsync(c, (p, ct) => p.MatrixAsync(ct)));
    }

    /// <summary>The pipeline of the run of <paramref name="context"/>'s engine: made by the first of our tasks to run.</summary>
    /// <exception cref="LambdaRustException">Our tasks are not registered, or none of them ran yet.</exception>
    public static LambdaPipeline PipelineOf(ICakeContext context)
    {
        if (!Registrations.TryGetValue(Engine(context), out var tasks))
            throw new LambdaRustException("LambdaRustPipeline() is called, but the script did not call RegisterLambdaRustTasks().", "Call RegisterLambdaRustTasks() before RunTarget.");
        lock (tasks._gate)
        {
            return tasks._pipeline ?? throw new LambdaRustException(
                "LambdaRustPipeline() is read before any of our tasks ran.",
                "Read it in a task that depends on ours, e.g. Task(\"Deploy\").IsDependentOn(\"Package\").Does(() => ... LambdaRustPipeline().Packaged ...).");
        }
    }

    private static ICakeEngine Engine(ICakeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.ServiceProvider?.GetService(typeof(ICakeEngine)) as ICakeEngine
               ?? throw new LambdaRustException(
                   "This Cake host gives its aliases no task engine (ICakeContext.ServiceProvider has no ICakeEngine), so our tasks cannot be added.",
                   "Run the script with the Cake .NET tool 7 (dotnet cake), or call the aliases (LambdaRustZigBuild, LambdaRustPackage ...) from your own tasks.");
    }

    /// <summary>Which of our tasks this run takes, from Cake's setup context.</summary>
    private void Plan(ISetupContext setup)
    {
        var names = setup.TasksToExecute.Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        lock (_gate)
            _planned = Steps.Where(s => names.Contains(s.Name)).Aggregate(PipelineSteps.None, (all, s) => all | s.Step);
    }

    private async Task RunAsync<TResult>(ICakeContext context, Func<LambdaPipeline, CancellationToken, Task<TResult>> step)
        where TResult : IStepResult
    {
        var pipeline = Pipeline(context);
        var result = await step(pipeline, CancellationToken.None).ConfigureAwait(false);
        pipeline.Logger.LogInformation("{Summary}", result.Summary);
    }

    private LambdaPipeline Pipeline(ICakeContext context)
    {
        lock (_gate)
        {
            if (_pipeline is not null)
                return _pipeline;
            var settings = PipelineSettings.FromParameters(new CakeParameterReader(context.Arguments), context.Environment.WorkingDirectory.FullPath);
            if (_planned is { } planned)
                settings = settings with { PlannedSteps = planned };
            return _pipeline = new LambdaPipeline(_configure?.Invoke(settings) ?? settings, context.Logger());
        }
    }

    private void Dispose()
    {
        lock (_gate)
        {
            _pipeline?.Dispose();
            _pipeline = null;
        }
    }
}
