using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Host;
using Nuke.LambdaRust.Toolchain;
using Nuke.LambdaRust.Processes;

// This repository's own build: our Lambda targets pointed at examples/lambda-workspace (see .nuke/parameters.json),
// plus Test, which sets up everything the test suite needs and runs it.
var graph = new TargetGraph();
LambdaTargets.AddTo(graph);

graph.Add("Test", t => t
    .Description("Sets up zig, both Rust targets, qemu and the cross gcc, then runs the solution's tests")
    .DependsOn(LambdaTargets.Setup)
    .Executes(async (context, ct) =>
    {
        var provisioning = await ToolchainProvisioner.EnsureAsync(
            new ProvisioningRequest(LambdaArchitectures.All, LambdaCompiler.Zig, LambdaTargets.Pipeline(context).ToolsDirectory)
            {
                NeedsEmulator = true,
                NeedsCrossGcc = true,
                Executables = TestTools.DebianPackages,
            },
            context.Logger, ct);

        var summary = await TestRun.RunAsync(context, provisioning.Zig!, ct);
        context.Note(summary.ToString());
        if (summary.Failed > 0 || summary.Passed == 0)
            throw new Nuke.LambdaRust.LambdaRustException($"Tests: {summary}.", "Read the failures above.");
    }));

return await BuildHost.RunAsync(graph, args, new BuildHostOptions { DefaultTarget = LambdaTargets.Compile });

/// <summary>Executables the tests call directly, and the Debian packages that provide them.</summary>
internal static class TestTools
{
    public static readonly IReadOnlyDictionary<string, string> DebianPackages = new Dictionary<string, string>
    {
        ["unzip"] = "unzip",
        ["zipinfo"] = "unzip",
        ["readelf"] = "binutils",
        ["python3"] = "python3",
        ["aarch64-linux-gnu-as"] = "binutils-aarch64-linux-gnu",
        ["x86_64-linux-gnu-as"] = "binutils-x86-64-linux-gnu",
    };
}

/// <summary>Runs <c>dotnet test</c> on the solution and adds up the counts each test assembly reports.</summary>
internal sealed record TestRun(int Passed, int Failed, int Skipped)
{
    private static readonly Regex Totals = new(@"Failed:\s*(\d+),\s*Passed:\s*(\d+),\s*Skipped:\s*(\d+)", RegexOptions.Compiled);

    public override string ToString() => $"{Passed} passed, {Failed} failed, {Skipped} skipped";

    public static async Task<TestRun> RunAsync(TargetContext context, ZigInstallation zig, CancellationToken ct)
    {
        var summaryFile = Path.Combine(context.RootDirectory, ".nuke", "temp", "test-summary.txt");
        File.Delete(summaryFile);
        var environment = new Dictionary<string, string?> { ["ZIG"] = zig.FileName };
        var invocation = new ToolInvocation("dotnet", ["test", Path.Combine(context.RootDirectory, "Nuke.LambdaRust.sln"), "--nologo"])
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
        Directory.CreateDirectory(Path.GetDirectoryName(summaryFile)!);
        await File.WriteAllTextAsync(summaryFile, run + Environment.NewLine, ct);
        context.Logger.LogInformation("Tests: {Summary}", run);
        return run;
    }
}
