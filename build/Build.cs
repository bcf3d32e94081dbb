using Build;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Host;
using Nuke.LambdaRust.Toolchain;

// This repository's own build: our Lambda targets pointed at examples/lambda-workspace (see .nuke/parameters.json),
// plus Pack (our NuGet packages into artifacts/packages) and Test, which sets up everything the test suite needs and
// runs it.
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
        var provisioning = await ToolchainProvisioner.EnsureAsync(
            new ProvisioningRequest(LambdaArchitectures.All, LambdaCompiler.Zig, LambdaTargets.Pipeline(context).ToolsDirectory)
            {
                NeedsEmulator = true,
                NeedsCrossGcc = true,
                Executables = TestTools.DebianPackages,
                DebianPackages = TestTools.FixturePackages,
                FormerToolsDirectories = LambdaTargets.Pipeline(context).FormerToolsDirectories,
            },
            context.Logger, ct);

        var summary = await TestRun.RunAsync(context, provisioning.Zig!, ct);
        context.Note($"{summary}; {summary.Nuke}");
        if (summary.Failed > 0 || summary.Passed == 0)
            throw new Nuke.LambdaRust.LambdaRustException($"Tests: {summary}.", "Read the failures above.");
    }));

return await BuildHost.RunAsync(graph, args, new BuildHostOptions { DefaultTarget = LambdaTargets.Compile });
