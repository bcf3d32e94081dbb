using System.Text.RegularExpressions;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Host;

/// <summary>
/// The repository's Benchmark target in <c>--quick</c> mode, as CI runs it: every case once on the smallest inputs. It
/// checks that the runner works and what the table holds — never a timing.
/// </summary>
public sealed class BenchmarkQuickModeTests(BuildScriptCopy copy) : IClassFixture<BuildScriptCopy>
{
    private static readonly string[] Cases = ["1 Cold", "2 Warm no-op", "3 Start-up", "4 Scale 1 fn cold", "4 Scale 1 fn warm", "5 Packaging", "6 Release"];

    [Fact]
    public async Task Quick_mode_runs_every_case_once_and_writes_the_table_with_machine_facts()
    {
        await copy.EnsureBuiltAsync();

        var run = await copy.RunBuildScriptAsync("Benchmark", "--quick");

        var file = Path.Combine(copy.Root, "artifacts", "benchmarks", "results.md");
        Assert.True(File.Exists(file), "no artifacts/benchmarks/results.md");
        var lines = File.ReadAllLines(file);
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^- Machine: .+, \d+ cores, [\d.]+ GiB memory"));
        foreach (var tool in new[] { "dotnet", "cargo (PATH)", "zig", "zip", "GNU time", "Cake" })
            Assert.Contains(lines, l => l.StartsWith($"- {tool}: ", StringComparison.Ordinal) && !l.Contains("not available", StringComparison.Ordinal));

        var header = lines.Single(l => l.StartsWith("| Case |", StringComparison.Ordinal));
        var columns = Cells(header).Count;
        Assert.Equal(12, columns);
        var rows = lines.SkipWhile(l => l != header).Skip(2).TakeWhile(l => l.StartsWith('|')).Select(Cells).ToList();
        Assert.All(rows, row => Assert.Equal(columns, row.Count));
        foreach (var name in Cases)
            Assert.Contains(rows, row => row[0].StartsWith(name, StringComparison.Ordinal));

        foreach (var row in rows.Where(r => r[10] != "not run"))
        {
            Assert.Equal("1+1", row[3]); // one run of each side
            Assert.Matches(@"^\d+\.\d{3} \(\d+\.\d{3}–\d+\.\d{3}\)$", row[4]);
            Assert.Matches(@"^\d+\.\d{3} \(\d+\.\d{3}–\d+\.\d{3}\)$", row[5]);
            Assert.Matches(@"^\d+\.\d{3}$", row[6]);
            Assert.Contains(row[10], new[] { "yes", "no", "—" });
        }

        // Processes have a peak memory; the packaging case's in-process side has none of its own.
        Assert.Matches(@"^\d+ / \d+$", rows.First(r => r[0].StartsWith("1 Cold", StringComparison.Ordinal))[8]);
        Assert.Contains("of 1 MiB", rows.First(r => r[0].StartsWith("5 Packaging", StringComparison.Ordinal))[11]);
        Assert.NotEqual("not run", rows.Single(r => r[0].StartsWith("6 Release", StringComparison.Ordinal))[10]);
        Assert.Contains(lines, l => l.StartsWith("| cargo's own no-op build |", StringComparison.Ordinal));
        Assert.Contains(run.StandardOutput, l => l.Contains("results.md", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_readme_performance_commands_name_a_real_target_and_parameter()
    {
        await copy.EnsureBuiltAsync();
        var readme = File.ReadAllLines(Path.Combine(ExampleWorkspace.RepositoryRoot(), "README.md"));
        var section = readme.SkipWhile(l => l != "## Performance").Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)).ToList();
        var commands = section.SelectMany(l => Regex.Matches(l, @"`\./build\.sh ([^`]+)`").Select(m => m.Groups[1].Value)).Distinct().ToList();

        var help = await copy.RunBuildScriptAsync("--help");

        Assert.Contains("Benchmark", commands);
        Assert.Contains("Benchmark --quick", commands);
        // The target and every option must be in --help (values such as case numbers are not).
        foreach (var word in commands.SelectMany(c => c.Split(' ').Where((w, i) => i == 0 || w.StartsWith("--", StringComparison.Ordinal))))
            Assert.Contains(help.StandardOutput, l => Regex.IsMatch(l, $@"(^|\s){Regex.Escape(word)}(\s|$)"));
    }

    private static List<string> Cells(string row) =>
        [.. Regex.Split(row.Trim().Trim('|'), @"(?<!\\)\|").Select(c => c.Trim())];
}
