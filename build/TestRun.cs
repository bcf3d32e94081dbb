using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Host;
using Nuke.LambdaRust.Processes;
using Nuke.LambdaRust.Toolchain;

namespace Build;

/// <summary>Runs <c>dotnet test</c> on the solution and adds up the counts each test assembly reports.</summary>
internal sealed record TestRun(int Passed, int Failed, int Skipped)
{
    /// <summary>The NUKE tests among them: how many ran, how many were skipped and why.</summary>
    public NukeTestCounts Nuke { get; init; } = new(0, 0, 0, []);

    private static readonly Regex Totals = new(@"Failed:\s*(\d+),\s*Passed:\s*(\d+),\s*Skipped:\s*(\d+)", RegexOptions.Compiled);

    public override string ToString() => $"{Passed} passed, {Failed} failed, {Skipped} skipped";

    public static async Task<TestRun> RunAsync(TargetContext context, ZigInstallation zig, CancellationToken ct)
    {
        var summaryFile = Path.Combine(context.RootDirectory, ".nuke", "temp", "test-summary.txt");
        File.Delete(summaryFile);
        var results = Path.Combine(context.RootDirectory, ".nuke", "temp", "test-results");
        var trxFile = Path.Combine(results, "tests.trx");
        if (Directory.Exists(results))
            Directory.Delete(results, recursive: true); // never read an earlier run's results
        var environment = new Dictionary<string, string?> { ["ZIG"] = zig.FileName };
        var invocation = new ToolInvocation("dotnet", ["test", Path.Combine(context.RootDirectory, "Nuke.LambdaRust.sln"), "--nologo", "--results-directory", results, "--logger", "trx;LogFileName=tests.trx"])
        {
            WorkingDirectory = context.RootDirectory,
            Environment = environment,
        };
        var result = await ProcessRunner.RunAsync(invocation, context.Logger, ct, checkExitCode: false);
        var run = new TestRun(0, 0, 0);
        foreach (Match match in result.StandardOutput.Select(l => Totals.Match(l)).Where(m => m.Success))
        {
            run = new TestRun(run.Passed + int.Parse(match.Groups[2].Value), run.Failed + int.Parse(match.Groups[1].Value),
                run.Skipped + int.Parse(match.Groups[3].Value));
        }

        if (result.ExitCode != 0 && run.Failed == 0)
            run = run with { Failed = 1 }; // the test run itself broke (build error, crashed host): never report it green
        run = run with { Nuke = NukeTestCounts.Read(trxFile) };
        Directory.CreateDirectory(Path.GetDirectoryName(summaryFile)!);
        // The totals stay the last line: .ci/run prints it.
        await File.WriteAllLinesAsync(summaryFile, [run.Nuke.ToString(), run.ToString()], ct);
        context.Logger.LogInformation("{Nuke}", run.Nuke);
        context.Logger.LogInformation("Tests: {Summary}", run);
        return run;
    }
}
