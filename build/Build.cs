using Build;
using Build.Benchmarks;
using Nuke.LambdaRust.Pipeline;
using Nuke.LambdaRust.Host;

// This repository's own build: our Lambda targets pointed at examples/lambda-workspace (see .nuke/parameters.json),
// plus Pack (our NuGet packages into artifacts/packages), Test, which sets up everything the test suite needs and
// runs it, and Benchmark (build/Benchmarks), which times our builds against raw scripts and Cake.
var graph = new TargetGraph();
LambdaTargets.AddTo(graph);

graph.Add("Pack", t => t
    .Description("Packs every shipped assembly into artifacts/packages (with SourceLink, deterministic)")
    .Executes(RepositoryPackages.PackAsync));

graph.Add("Test", t => t
    .Description("Sets up zig, both Rust targets, qemu and the cross gcc, then runs the solution's tests")
    .DependsOn(LambdaTargets.Setup, "Pack")
    .Executes(async (context, ct) =>
    {
        var provisioning = await TestTools.ProvisionAsync(context, ct);
        var summary = await TestRun.RunAsync(context, provisioning.Zig!, ct);
        context.Note($"{summary}; {summary.Nuke}");
        if (summary.Failed > 0 || summary.Passed == 0)
            throw new Nuke.LambdaRust.LambdaRustException($"Tests: {summary}.", "Read the failures above.");
    }));

graph.AddParameter(new ParameterDefinition(BenchmarkRunner.QuickParameter, "Benchmark: every case once on the smallest inputs (checks the runner, not the timings)")
{
    Type = ParameterType.Boolean,
});
graph.AddParameter(new ParameterDefinition(BenchmarkRunner.CasesParameter, "Benchmark: only these cases, by number (1 cold, 2 warm, 3 start-up, 4 scale, 5 packaging, 6 release)")
{
    Type = ParameterType.Integer,
    IsList = true,
});
graph.Add("Benchmark", t => t
    .Description("Times our builds against raw cargo + zip scripts and Cake; writes artifacts/benchmarks/results.md (--quick: once each, smallest inputs)")
    .Executes(async (context, ct) =>
    {
        var provisioning = await TestTools.ProvisionAsync(context, ct);
        await BenchmarkRunner.RunAsync(context, provisioning.Zig!, LambdaTargets.Pipeline(context).ToolsDirectory, ct);
    }));

return await BuildHost.RunAsync(graph, args, new BuildHostOptions { DefaultTarget = LambdaTargets.Compile });
