using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Host;
using Nuke.LambdaRust.Pipeline;

namespace Nuke.LambdaRust.Tests.Host;

public sealed class ExecutionTests
{
    [Fact]
    public async Task Failure_stops_the_run_with_exit_code_1_and_leaves_later_targets_NotRun()
    {
        using var run = BuildRun.Lambda();
        run.Graph.Extend("Compile", t => t.Executes(_ => throw new InvalidOperationException("linker not found")));

        var exitCode = await run.RunAsync("Package", "Clean");

        Assert.Equal(BuildHost.Failure, exitCode);
        Assert.Equal(["Setup", "Compile"], run.Ran);
        Assert.Contains("[ERR] System.InvalidOperationException: linker not found", run.Output);
        Assert.StartsWith("Compile Failed", run.SummaryRow("Compile"));
        Assert.Equal("Package NotRun requires Compile (Failed)", run.SummaryRow("Package"));
        Assert.Equal("Clean NotRun build stopped after Compile failed", run.SummaryRow("Clean"));
        Assert.Contains("Build failed on ", run.Output);
    }

    [Fact]
    public async Task Continue_runs_the_targets_that_do_not_require_the_failed_one()
    {
        using var run = BuildRun.Lambda();
        run.Graph.Extend("Compile", t => t.Executes(_ => throw new InvalidOperationException("linker not found")));

        var exitCode = await run.RunAsync("Package", "Clean", "--continue");

        Assert.Equal(BuildHost.Failure, exitCode);
        Assert.Equal(["Setup", "Compile", "Clean"], run.Ran);
        Assert.StartsWith("Package NotRun", run.SummaryRow("Package"));
        Assert.StartsWith("Clean Succeeded", run.SummaryRow("Clean"));
    }

    [Fact]
    public async Task LambdaRustException_prints_its_message_and_fix_without_the_exception_type()
    {
        using var run = BuildRun.Lambda();
        run.Graph.Extend("Setup", t => t.Executes(_ => throw new LambdaRustException("zig was not found.", "Install zig 0.11 or set ZIG.")));

        var exitCode = await run.RunAsync("Setup");

        Assert.Equal(BuildHost.Failure, exitCode);
        Assert.Contains("[ERR] zig was not found.", run.Output);
        Assert.Contains("Fix: Install zig 0.11 or set ZIG.", run.Output);
        Assert.DoesNotContain("LambdaRustException", run.Output);
    }

    [Fact]
    public async Task Stack_trace_of_a_failure_is_printed_only_at_verbose()
    {
        using var quiet = BuildRun.Lambda();
        using var verbose = BuildRun.Lambda();
        foreach (var run in new[] { quiet, verbose })
            run.Graph.Extend("Setup", t => t.Executes(_ => throw new InvalidOperationException("boom")));

        await quiet.RunAsync("Setup");
        await verbose.RunAsync("Setup", "--verbosity", "verbose");

        Assert.DoesNotContain(nameof(Stack_trace_of_a_failure_is_printed_only_at_verbose), quiet.Output);
        Assert.Contains(nameof(Stack_trace_of_a_failure_is_printed_only_at_verbose), verbose.Output);
    }

    [Fact]
    public async Task False_condition_skips_the_target_with_its_reason_and_dependents_still_run()
    {
        using var run = BuildRun.Lambda();
        run.Graph.AddParameter(new ParameterDefinition("Fresh") { Type = ParameterType.Boolean });
        run.Graph.Extend("Setup", t => t.OnlyWhen(ctx => ctx.Get<bool>("Fresh"), "--fresh is set"));

        var exitCode = await run.RunAsync("Package");

        Assert.Equal(BuildHost.Success, exitCode);
        Assert.Equal(["Compile", "Package"], run.Ran);
        Assert.Equal("Setup Skipped condition false: --fresh is set", run.SummaryRow("Setup"));
    }

    [Fact]
    public async Task Summary_shows_every_planned_target_with_status_duration_and_note()
    {
        using var run = BuildRun.Lambda();
        run.Graph.Extend("Package", t => t.Executes(ctx => ctx.Note("3 zips, 4.2 MB")));

        var exitCode = await run.RunAsync("Package");

        Assert.Equal(BuildHost.Success, exitCode);
        Assert.Contains("Target Status Duration Note", run.Lines);
        Assert.Equal("Setup Succeeded < 1s", run.SummaryRow("Setup"));
        Assert.Equal("Package Succeeded < 1s 3 zips, 4.2 MB", run.SummaryRow("Package"));
        Assert.Contains(run.Lines, l => l.StartsWith("Build succeeded on ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_running_target_gets_a_header_and_its_log_lines()
    {
        using var run = BuildRun.Lambda();
        run.Graph.Extend("Compile", t => t.Executes(ctx => ctx.Logger.LogWarning("no release profile")));

        await run.RunAsync("Compile");

        var lines = run.Lines.ToList();
        var header = lines.IndexOf("Compile");
        Assert.True(header > 0, run.Output);
        Assert.StartsWith("═══", lines[header - 1]);
        Assert.Contains(lines.Skip(header), l => l.EndsWith("[WRN] no release profile", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Minimal_verbosity_hides_information_and_headers_but_keeps_warnings_and_the_summary()
    {
        using var run = BuildRun.Lambda();
        run.Graph.Extend("Compile", t => t.Executes(ctx =>
        {
            ctx.Logger.LogInformation("compiling greeter");
            ctx.Logger.LogWarning("no release profile");
        }));

        await run.RunAsync("Compile", "--verbosity", "minimal");

        Assert.DoesNotContain("compiling greeter", run.Output);
        Assert.DoesNotContain("Compile", run.Lines); // the header line holds the name alone
        Assert.Contains("[WRN] no release profile", run.Output);
        Assert.StartsWith("Compile Succeeded", run.SummaryRow("Compile"));
    }

    [Fact]
    public async Task Cancellation_through_the_token_aborts_the_running_target_and_returns_130()
    {
        using var run = BuildRun.Lambda();
        using var cancellation = new CancellationTokenSource();
        run.Graph.Extend("Compile", t => t.Executes(async (_, ct) =>
        {
            cancellation.Cancel(); // as Ctrl+C would, while the target is busy
            await Task.Delay(Timeout.Infinite, ct);
        }));

        var exitCode = await run.RunAsync(cancellation.Token, "Package", "Clean");

        Assert.Equal(BuildHost.Cancelled, exitCode);
        Assert.Equal(["Setup", "Compile"], run.Ran);
        Assert.StartsWith("Setup Succeeded", run.SummaryRow("Setup"));
        Assert.StartsWith("Compile Aborted", run.SummaryRow("Compile"));
        Assert.Equal("Package NotRun cancelled", run.SummaryRow("Package"));
        Assert.Equal("Clean NotRun cancelled", run.SummaryRow("Clean"));
        Assert.Contains("Build cancelled on ", run.Output);
    }

    [Fact]
    public async Task User_target_declared_DependentFor_an_existing_target_runs_before_it()
    {
        using var run = BuildRun.Lambda();
        run.Target("Lint", t => t.DependentFor("Compile"));

        await run.RunAsync("Package");

        Assert.Equal(["Setup", "Lint", "Compile", "Package"], run.Ran);
    }

    [Fact]
    public async Task Extend_adds_a_dependency_to_an_existing_target()
    {
        using var run = BuildRun.Lambda();
        run.Target("Lint");
        run.Graph.Extend("Compile", t => t.DependsOn("Lint"));

        await run.RunAsync("Compile");

        Assert.Equal(["Setup", "Lint", "Compile"], run.Ran);
    }

    [Fact]
    public async Task User_target_ordered_Before_an_existing_target_runs_before_it_when_both_are_planned()
    {
        using var run = BuildRun.Lambda();
        run.Target("Announce", t => t.Before("Package"));

        await run.RunAsync("Package", "Announce");

        Assert.Equal(["Setup", "Compile", "Announce", "Package"], run.Ran);
    }

    [Fact]
    public async Task Before_and_After_do_not_add_targets_to_the_plan()
    {
        using var run = BuildRun.Lambda();
        run.Target("Announce", t => t.Before("Package"));
        run.Target("Upload", t => t.After("Package"));

        await run.RunAsync("Package");

        Assert.Equal(["Setup", "Compile", "Package"], run.Ran);
    }

    [Fact]
    public async Task Triggered_target_runs_after_the_target_that_triggers_it()
    {
        using var run = BuildRun.Lambda();
        run.Target("Verify");
        run.Graph.Extend("Compile", t => t.Triggers("Verify"));

        await run.RunAsync("Package", "Clean");

        Assert.Equal(["Setup", "Compile", "Package", "Clean", "Verify"], run.Ran);
    }

    [Fact]
    public async Task Triggered_target_does_not_run_when_the_trigger_failed()
    {
        using var run = BuildRun.Lambda();
        run.Target("Verify");
        run.Graph.Extend("Compile", t => t.Triggers("Verify").Executes(_ => throw new InvalidOperationException("boom")));

        await run.RunAsync("Compile", "--continue");

        Assert.Equal("Verify NotRun requires Compile (Failed)", run.SummaryRow("Verify"));
    }

    [Fact]
    public async Task A_shared_instance_passes_typed_results_from_one_target_to_the_next()
    {
        using var run = BuildRun.Lambda();
        string? packaged = null;
        run.Graph.AddShared(_ => new List<string>());
        run.Graph.Extend("Compile", t => t.Executes(ctx => ctx.Shared<List<string>>().Add("greeter")));
        run.Graph.Extend("Package", t => t.Executes(ctx => packaged = string.Join(",", ctx.Shared<List<string>>())));

        await run.RunAsync("Package");

        Assert.Equal("greeter", packaged);
    }

    [Fact]
    public async Task A_shared_instance_is_made_once_per_run()
    {
        using var run = BuildRun.Lambda();
        var made = 0;
        run.Graph.AddShared(_ => new object[] { ++made });
        run.Graph.Extend("Compile", t => t.Executes(ctx => ctx.Shared<object[]>()));
        run.Graph.Extend("Package", t => t.Executes(ctx => ctx.Shared<object[]>()));

        await run.RunAsync("Package");
        await run.RunAsync("Package");

        Assert.Equal(2, made);
    }

    [Fact]
    public async Task Asking_for_a_shared_type_nobody_registered_fails_the_target_naming_the_type()
    {
        using var run = BuildRun.Lambda();
        run.Graph.Extend("Compile", t => t.Executes(ctx => ctx.Shared<Uri>()));

        var exitCode = await run.RunAsync("Compile");

        Assert.Equal(1, exitCode);
        Assert.Contains("shared Uri", run.Output);
        Assert.Contains("AddShared", run.Output);
    }

    [Fact]
    public async Task Root_is_the_nearest_folder_upward_that_holds_nuke()
    {
        using var run = BuildRun.Lambda();
        Directory.CreateDirectory(Path.Combine(run.Root, ".nuke"));
        var nested = Directory.CreateDirectory(Path.Combine(run.Root, "functions", "greeter")).FullName;
        run.UseRootOption = false;
        run.WorkingDirectory = nested;
        string? root = null;
        run.Graph.Extend("Clean", t => t.Executes(ctx => root = ctx.RootDirectory));

        await run.RunAsync("Clean");

        Assert.Equal(run.Root, root);
    }

    [Fact]
    public async Task Root_option_pointing_nowhere_is_an_error()
    {
        using var run = BuildRun.Lambda();

        var exitCode = await run.RunAsync("Clean", "--root", "does-not-exist");

        Assert.Equal(BuildHost.Failure, exitCode);
        Assert.Contains($"The root directory '{Path.Combine(run.Root, "does-not-exist")}' given by --root does not exist.", run.Output);
        Assert.Empty(run.Ran);
    }
}
