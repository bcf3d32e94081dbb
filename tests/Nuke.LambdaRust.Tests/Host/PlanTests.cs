namespace Nuke.LambdaRust.Tests.Host;

public sealed class PlanTests
{
    [Fact]
    public async Task Plan_prints_targets_in_run_order_with_the_reason_for_each_and_runs_nothing()
    {
        using var run = BuildRun.Lambda();
        run.Target("Verify", t => t.DependsOn("Setup"));
        run.Graph.Extend("Package", t => t.Triggers("Verify"));

        var exitCode = await run.RunAsync("Package", "--plan");

        Assert.Equal(0, exitCode);
        Assert.Empty(run.Ran);
        var plan = run.Lines.SkipWhile(l => l != "Execution plan:").Skip(1).TakeWhile(l => l.Length > 0).ToList();
        Assert.Equal(
            [
                "1. Setup dependency of Compile, Verify",
                "2. Compile dependency of Package",
                "3. Package invoked",
                "4. Verify triggered by Package",
            ],
            plan);
        Assert.Contains("Skipped: none", run.Output);
        Assert.DoesNotContain("Build succeeded", run.Output);
    }

    [Fact]
    public async Task Plan_shows_which_targets_skip_leaves_out_and_conditions()
    {
        using var run = BuildRun.Lambda();
        run.Graph.Extend("Compile", t => t.OnlyWhen(_ => true, "sources changed"));

        var exitCode = await run.RunAsync("Package", "Clean", "--skip", "Setup", "--plan");

        Assert.Equal(0, exitCode);
        Assert.Empty(run.Ran);
        Assert.Contains("1. Setup dependency of Compile — skipped (--skip)", run.Lines);
        Assert.Contains("2. Compile dependency of Package — only when sources changed", run.Lines);
        Assert.Contains("4. Clean invoked", run.Lines);
        Assert.Contains("Skipped: Setup", run.Lines);
    }
}
