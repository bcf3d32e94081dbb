using Nuke.LambdaRust.Host;

namespace Nuke.LambdaRust.Tests.Host;

public sealed class TargetSelectionTests
{
    [Fact]
    public async Task Positional_target_runs_after_its_dependencies_in_order()
    {
        using var run = BuildRun.Lambda();

        var exitCode = await run.RunAsync("Package");

        Assert.Equal(BuildHost.Success, exitCode);
        Assert.Equal(["Setup", "Compile", "Package"], run.Ran);
    }

    [Fact]
    public async Task Target_option_selects_targets_like_positional_names()
    {
        using var run = BuildRun.Lambda();

        var exitCode = await run.RunAsync("--target", "Compile", "Clean");

        Assert.Equal(BuildHost.Success, exitCode);
        Assert.Equal(["Setup", "Compile", "Clean"], run.Ran);
    }

    [Theory]
    [InlineData("package")]
    [InlineData("PACKAGE")]
    [InlineData("Pack-age")]
    [InlineData("pack_age")]
    public async Task Target_names_match_ignoring_case_hyphens_and_underscores(string typed)
    {
        using var run = BuildRun.Lambda();

        var exitCode = await run.RunAsync(typed);

        Assert.Equal(BuildHost.Success, exitCode);
        Assert.Equal("Package", run.Ran.Last());
    }

    [Fact]
    public async Task Default_target_runs_when_the_command_line_names_none()
    {
        using var run = BuildRun.Lambda();
        run.DefaultTarget = "Compile";

        var exitCode = await run.RunAsync();

        Assert.Equal(BuildHost.Success, exitCode);
        Assert.Equal(["Setup", "Compile"], run.Ran);
    }

    [Fact]
    public async Task No_target_and_no_default_is_an_error()
    {
        using var run = BuildRun.Lambda();

        var exitCode = await run.RunAsync("--verbosity", "normal");

        Assert.Equal(BuildHost.Failure, exitCode);
        Assert.Contains("[ERR] No target given.", run.Output);
        Assert.Empty(run.Ran);
    }

    [Fact]
    public async Task Unknown_target_fails_with_exit_code_1_and_suggests_the_closest_name()
    {
        using var run = BuildRun.Lambda();

        var exitCode = await run.RunAsync("Packge");

        Assert.Equal(BuildHost.Failure, exitCode);
        Assert.Contains("Unknown target 'Packge'. Did you mean 'Package'?", run.Output);
        Assert.Contains("Fix: Run with --help to list the targets.", run.Output);
        Assert.Empty(run.Ran);
    }

    [Fact]
    public async Task Target_needed_by_several_invoked_targets_runs_once()
    {
        using var run = BuildRun.Lambda();
        run.Target("Doctor", t => t.DependsOn("Setup"));

        await run.RunAsync("Doctor", "Package");

        Assert.Equal(["Setup", "Doctor", "Compile", "Package"], run.Ran);
    }

    [Fact]
    public async Task Skip_without_names_runs_only_the_invoked_targets()
    {
        using var run = BuildRun.Lambda();

        var exitCode = await run.RunAsync("Package", "--skip");

        Assert.Equal(BuildHost.Success, exitCode);
        Assert.Equal(["Package"], run.Ran);
        Assert.StartsWith("Setup Skipped", run.SummaryRow("Setup"));
        Assert.StartsWith("Compile Skipped", run.SummaryRow("Compile"));
    }

    [Fact]
    public async Task Skip_with_names_skips_only_those_targets()
    {
        using var run = BuildRun.Lambda();

        var exitCode = await run.RunAsync("Package", "--skip", "compile");

        Assert.Equal(BuildHost.Success, exitCode);
        Assert.Equal(["Setup", "Package"], run.Ran);
        Assert.Equal("Compile Skipped --skip", run.SummaryRow("Compile"));
    }

    [Fact]
    public async Task Skip_naming_an_unknown_target_is_an_error()
    {
        using var run = BuildRun.Lambda();

        var exitCode = await run.RunAsync("Package", "--skip", "Compil");

        Assert.Equal(BuildHost.Failure, exitCode);
        Assert.Contains("--skip names unknown target 'Compil'. Did you mean 'Compile'?", run.Output);
        Assert.Empty(run.Ran);
    }
}
