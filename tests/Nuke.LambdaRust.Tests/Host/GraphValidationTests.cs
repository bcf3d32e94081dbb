using Nuke.LambdaRust.Host;

namespace Nuke.LambdaRust.Tests.Host;

public sealed class GraphValidationTests
{
    [Fact]
    public async Task Dependency_cycle_fails_with_exit_code_1_and_names_the_cycle()
    {
        using var run = new BuildRun();
        run.Target("A", t => t.DependsOn("B"));
        run.Target("B", t => t.DependsOn("A"));

        var exitCode = await run.RunAsync("A");

        Assert.Equal(BuildHost.Failure, exitCode);
        Assert.Contains("The targets form a cycle: A -> B -> A (each must run after the next).", run.Output);
        Assert.Empty(run.Ran);
    }

    [Fact]
    public async Task Cycle_through_ordering_and_reverse_relations_is_found_too()
    {
        using var run = new BuildRun();
        run.Target("Compile");
        run.Target("Lint", t => t.DependentFor("Compile"));
        run.Target("Format", t => t.After("Compile").Before("Lint"));

        var exitCode = await run.RunAsync("Compile");

        Assert.Equal(BuildHost.Failure, exitCode);
        Assert.Contains("The targets form a cycle: Compile -> Lint -> Format -> Compile", run.Output);
    }

    [Fact]
    public async Task Dependency_on_an_unknown_target_names_both_targets_and_suggests_the_closest()
    {
        using var run = BuildRun.Lambda();
        run.Target("Deploy", t => t.DependsOn("Packge"));

        var exitCode = await run.RunAsync("Clean");

        Assert.Equal(BuildHost.Failure, exitCode);
        Assert.Contains("Target 'Deploy' depends on 'Packge', but there is no target 'Packge'. Did you mean 'Package'?", run.Output);
        Assert.Empty(run.Ran);
    }

    [Fact]
    public void Adding_a_target_whose_name_is_taken_is_rejected()
    {
        var graph = new TargetGraph().Add("Compile", _ => { });

        var error = Assert.Throws<LambdaRustException>(() => graph.Add("com-pile", _ => { }));

        Assert.Contains("Target 'com-pile' is already defined as 'Compile'.", error.Message);
    }

    [Fact]
    public void Extending_an_unknown_target_is_rejected_with_a_suggestion()
    {
        var graph = new TargetGraph().Add("Compile", _ => { });

        var error = Assert.Throws<LambdaRustException>(() => graph.Extend("Compil", t => t.DependsOn("Lint")));

        Assert.Contains("Cannot extend target 'Compil': there is no such target. Did you mean 'Compile'?", error.Message);
    }
}
