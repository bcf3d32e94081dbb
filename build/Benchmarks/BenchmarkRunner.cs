using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Host;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Toolchain;

namespace Build.Benchmarks;

/// <summary>
/// The Benchmark target: our builds next to raw cargo + zip scripts and next to Cake, each figure a ratio of commands
/// timed alternately, written as a markdown table to <c>artifacts/benchmarks/results.md</c> and printed. With
/// <c>--quick</c> every case runs once on the smallest inputs: it shows the runner works, never what the timings are.
/// </summary>
internal sealed class BenchmarkRunner
{
    public const string QuickParameter = "Quick";

    /// <summary>Runs only the listed cases (their numbers, 1 to 6); all when empty.</summary>
    public const string CasesParameter = "BenchmarkCases";

    private static readonly IReadOnlyList<LambdaArchitecture> Both = [LambdaArchitecture.Arm64, LambdaArchitecture.X86_64];

    private readonly TargetContext _context;
    private readonly bool _quick;
    private readonly IReadOnlyList<int> _cases;
    private readonly string _work;
    private readonly string _buildScript;
    private readonly AlternatingTimer _timer;
    private readonly RawBuilds _raw;
    private readonly List<BenchmarkResult> _results = [];
    private string _facts = "";
    private string _breakdown = "";

    private BenchmarkRunner(TargetContext context, bool quick, ZigInstallation zig)
    {
        _context = context;
        _quick = quick;
        _cases = context.GetList<int>(CasesParameter);
        _work = Path.Combine(context.RootDirectory, "artifacts", "benchmarks", "work");
        _buildScript = Path.Combine(context.RootDirectory, "build.sh");
        _timer = new AlternatingTimer(_work, context.Logger);
        _raw = new RawBuilds(zig, Path.Combine(_work, "zig-wrappers"), context.Logger);
    }

    public static string ResultsFile(string root) => Path.Combine(root, "artifacts", "benchmarks", "results.md");

    public static async Task RunAsync(TargetContext context, ZigInstallation zig, string toolsDirectory, CancellationToken cancellationToken)
    {
        var runner = new BenchmarkRunner(context, context.Get<bool>(QuickParameter), zig);
        Directory.CreateDirectory(runner._work);
        var cake = await CakeTool.EnsureAsync(context, toolsDirectory, cancellationToken);
        var facts = await MachineFacts.DescribeAsync(
        [
            ("dotnet", "dotnet", ["--version"]),
            ("cargo (PATH)", "cargo", ["--version"]),
            ("cargo (Debian, arm64 std)", "/usr/bin/cargo", ["--version"]),
            ("rustc (Debian)", "/usr/bin/rustc", ["--version"]),
            ("zig", zig.FileName, [.. zig.PrefixArguments, "version"]),
            ("zip", "zip", ["-v"]),
            ("GNU time", MachineFacts.GnuTime, ["--version"]),
            ("Cake", cake, ["--version"]),
        ], cancellationToken);

        runner._facts = facts;
        await runner.RunCasesAsync(cake, cancellationToken);
        var report = await runner.WriteAsync(finished: true, cancellationToken);
        var file = ResultsFile(context.RootDirectory);
        context.Logger.LogInformation("{Report}", report);
        context.Logger.LogInformation("Benchmark results: {File}", file);
        var notMet = runner._results.Where(r => r.Met == false).Select(r => r.Name).ToList();
        context.Note($"{runner._results.Count(r => r.NotRun is null)} rows, {runner._results.Count(r => r.Met == true)} goals met" +
                     (notMet.Count == 0 ? "" : $", not met: {string.Join(", ", notMet)}") + $"; {file}");
    }

    private int Runs(int full) => _quick ? 1 : full;

    private bool Selected(int number) => _cases.Count == 0 || _cases.Contains(number);

    /// <summary>Writes the results so far (after every case, so a run stopped early still leaves what it measured).</summary>
    private async Task<string> WriteAsync(bool finished, CancellationToken cancellationToken)
    {
        var report = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"# Benchmarks{(_quick ? " (--quick: one run each on the smallest inputs; the figures mean nothing)" : "")}{(finished ? "" : " (partial: the run has not finished)")}\n\n")
            .Append(_facts).Append('\n')
            .Append(MarkdownTable.Render(_results)).Append('\n')
            .Append(_breakdown)
            .Append("\nA/B is the ratio of the medians; each case's commands ran alternately (A B A B ...). Peak memory is GNU time's maximum ")
            .Append("resident set (the largest process of the tree); in-process work has none of its own.\n")
            .ToString();
        var file = ResultsFile(_context.RootDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file + ".tmp", report, cancellationToken);
        File.Move(file + ".tmp", file, overwrite: true);
        return report;
    }

    private async Task RunCasesAsync(string cake, CancellationToken cancellationToken)
    {
        if (Selected(1) || Selected(2))
            await ColdAndWarmAsync(cancellationToken);
        if (Selected(3))
            await StartUpAsync(cake, cancellationToken);

        // 4: scale, both architectures, debug (Package's default profile).
        if (Selected(4))
        {
            var perFunction = new Dictionary<(int, string), double>();
            foreach (var count in _quick ? [1] : new[] { 1, 10, 50 })
                await ScaleAsync(count, perFunction, cancellationToken);
            if (!_quick)
                _results.Add(CostPerFunction(perFunction));
        }

        if (Selected(5))
            await PackagingAsync(cancellationToken);

        if (Selected(6))
            await ReleaseAsync(cancellationToken);
    }

    /// <summary>
    /// 6: a warm no-op `Release` of the 50-function workspace (--quick: one function), both architectures, goal ≤ 1.5 s;
    /// beside the raw one-invocation-per-architecture script, which builds and zips the same but writes no manifest.
    /// </summary>
    private async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        var count = _quick ? 1 : 50;
        var (manifest, targetDirectory, bins) = Generated(count);
        var ours = BenchmarkCommand.Process($"ours: Release, {count} fn × 2 arch", _buildScript,
            ["Release", "--arch", "arm64", "x86_64", "--manifest-path", manifest, "--output", Path.Combine(_work, $"release-{count}")],
            _context.RootDirectory);
        var raw = Script("raw: one cargo invocation per arch", await _raw.PerArchitectureAsync(
            Path.Combine(_work, $"raw-release-{count}.sh"), manifest, targetDirectory, bins, Both, release: true, cancellationToken));
        await MeasureAsync(new BenchmarkCase($"6 Release {count} warm", [ours, raw], Runs(5),
            [new($"6 Release: warm no-op, {count} fn × 2 arch", 0, 1, "ours ≤ 1.5 s", r => r.Ours!.Median <= 1.5)]) { WarmUp = true },
            cancellationToken);
    }

    /// <summary>1 and 2: the example workspace (--quick: a generated one-function workspace), arm64, release.</summary>
    private async Task ColdAndWarmAsync(CancellationToken cancellationToken)
    {
        var (manifest, targetDirectory, bins) = _quick
            ? Generated(1)
            : (Path.Combine(_context.RootDirectory, "examples", "lambda-workspace", "Cargo.toml"),
                Path.Combine(_context.RootDirectory, "examples", "lambda-workspace", "target"), new[] { "echo", "goodbye", "hello" });
        var ours = Ours("ours: Package --arch arm64 --release", manifest, "--arch", "arm64", "--release");
        var rawScript = await _raw.PerArchitectureAsync(Path.Combine(_work, "raw-release-arm64.sh"), manifest, targetDirectory, bins,
            [LambdaArchitecture.Arm64], release: true, cancellationToken);
        var raw = Script("raw: cargo build + zip -X", rawScript);
        if (Selected(1))
        {
            await MeasureAsync(new BenchmarkCase("1 Cold", [ours, raw], Runs(2),
                [new("1 Cold: Package arm64 --release, clean target", 0, 1, "A/B ≤ 1.03", r => r.Ratio <= 1.03)])
            {
                Prepare = _ => Clean(targetDirectory),
            }, cancellationToken);
        }

        if (Selected(2))
        {
            await MeasureAsync(new BenchmarkCase("2 Warm no-op", [ours, raw], Runs(5),
                [new("2 Warm no-op: same, nothing changed", 0, 1, "A−B ≤ 0.15 s", r => r.Difference <= 0.15)]) { WarmUp = true }, cancellationToken);
            _breakdown = await BreakdownAsync(ours, manifest, targetDirectory, bins, cancellationToken);
        }
    }

    /// <summary>3: start-up against Cake on an empty script.</summary>
    private async Task StartUpAsync(string cake, CancellationToken cancellationToken)
    {
        var emptyScript = Path.Combine(_work, "empty.cake");
        await File.WriteAllTextAsync(emptyScript, "", cancellationToken);
        await MeasureAsync(new BenchmarkCase("3 Start-up", [
                BenchmarkCommand.Process("ours: ./build.sh --help", _buildScript, ["--help"], _context.RootDirectory),
                BenchmarkCommand.Process($"dotnet cake {CakeTool.Version}, empty script", cake, [emptyScript], _work)], Runs(5),
            [new("3 Start-up vs Cake", 0, 1, "A/B ≤ 0.1", r => r.Ratio <= 0.1)]) { WarmUp = true }, cancellationToken);
    }

    private async Task ScaleAsync(int count, Dictionary<(int, string), double> perFunction, CancellationToken cancellationToken)
    {
        var (manifest, targetDirectory, bins) = Generated(count);
        var ours = Ours($"ours: Package, {count} fn × 2 arch", manifest, "--arch", "arm64", "x86_64");
        var one = Script("raw: one cargo invocation, both --target", await _raw.OneInvocationAsync(
            Path.Combine(_work, $"raw-one-{count}.sh"), manifest, targetDirectory, bins, Both, release: false, cancellationToken));
        var two = Script("raw: one cargo invocation per arch", await _raw.PerArchitectureAsync(
            Path.Combine(_work, $"raw-two-{count}.sh"), manifest, targetDirectory, bins, Both, release: false, cancellationToken));
        var naive = Script("naive: cargo build --bin X + zip, per function", await _raw.NaiveLoopAsync(
            Path.Combine(_work, $"naive-{count}.sh"), manifest, targetDirectory, bins, Both, cancellationToken));
        BenchmarkCommand[] commands = [ours, one, two, naive];
        // 50 functions cold take minutes a run on 2 cores: once each, ours and the one-invocation script only.
        var coldRows = new List<BenchmarkRow> { new($"4 Scale {count} fn cold: ours / raw one invocation", 0, 1, "A/B ≤ 1.05", r => r.Ratio <= 1.05) };
        if (count < 50)
        {
            coldRows.AddRange(
            [
                new($"4 Scale {count} fn cold: ours / raw per arch", 0, 2, "A/B ≤ 1.05", r => r.Ratio <= 1.05),
                new($"4 Scale {count} fn cold: ours / naive loop", 0, 3, ""),
                new($"4 Scale {count} fn cold: raw one invocation / per arch", 1, 2, "< 1: one invocation is faster"),
            ]);
        }

        var cold = await MeasureAsync(new BenchmarkCase($"4 Scale {count} cold", count < 50 ? commands : [ours, one], Runs(count >= 50 ? 1 : count >= 10 ? 2 : 3), coldRows)
        {
            Prepare = _ => Clean(targetDirectory),
        }, cancellationToken);
        var warm = await MeasureAsync(new BenchmarkCase($"4 Scale {count} warm", commands, Runs(count >= 50 ? 3 : 5),
        [
            new($"4 Scale {count} fn warm: ours / raw one invocation", 0, 1, ""),
            new($"4 Scale {count} fn warm: ours / naive loop", 0, 3, ""),
        ]) { WarmUp = true }, cancellationToken);
        perFunction[(count, "ours cold")] = cold[0].Median;
        perFunction[(count, "raw cold")] = cold[1].Median;
        perFunction[(count, "ours warm")] = warm[0].Median;
        perFunction[(count, "raw warm")] = warm[1].Median;
    }

    private static BenchmarkResult CostPerFunction(Dictionary<(int, string), double> medians)
    {
        string Cost(string what) => (((medians[(50, what)] - medians[(1, what)]) / 49).ToString("F3", CultureInfo.InvariantCulture)) + " s";
        return new BenchmarkResult("4 Scale: cost per added function (1 → 50, both arch)", "")
        {
            NotRun = $"derived: cold ours {Cost("ours cold")}, raw {Cost("raw cold")}; warm ours {Cost("ours warm")}, raw {Cost("raw warm")}",
        };
    }

    private async Task PackagingAsync(CancellationToken cancellationToken)
    {
        var sysroot = await FirstLineAsync("rustc", ["--print", "sysroot"], cancellationToken);
        var size = _quick ? 1L << 20 : 50L << 20;
        var folder = Path.Combine(_work, "packaging");
        var binary = PackagingInput.Write(Path.Combine(folder, "bootstrap"), size, sysroot);
        var oursZip = Path.Combine(folder, "ours.zip");
        var zipZip = Path.Combine(folder, "zip.zip");
        var smallest = Path.Combine(folder, "smallest.deflate");
        var ours = new BenchmarkCommand("ours: BootstrapZip (zlib 9 in 256 KiB chunks on every core)")
        {
            InProcess = ct => BootstrapZip.WriteAsync(oursZip, [new ZipEntrySource("bootstrap", binary, Executable: true)], DateTimeOffset.UnixEpoch.AddYears(10), ct),
        };
        var zip = BenchmarkCommand.Process("zip -X -6", "zip", ["-X", "-q", "-6", zipZip, "bootstrap"], folder) with { Prepare = () => File.Delete(zipZip) };
        // One stream at zlib 9 on one core, for comparison: what the chunks lose in size and win in time.
        var smallestSize = new BenchmarkCommand("DeflateStream SmallestSize (zlib 9), one stream")
        {
            InProcess = ct => DeflateAsync(binary, smallest, CompressionLevel.SmallestSize, ct),
        };
        string Sizes(string a, string b) =>
            $"{new FileInfo(a).Length:N0} B vs {new FileInfo(b).Length:N0} B ({(new FileInfo(a).Length / (double)new FileInfo(b).Length - 1) * 100:+0.0;-0.0}%) of {size >> 20} MiB";
        await MeasureAsync(new BenchmarkCase("5 Packaging", [ours, zip, smallestSize], Runs(5),
        [
            new($"5 Packaging {size >> 20} MiB: ours / zip -X -6", 0, 1, "A/B ≤ 1.0, size within 2%",
                r => r.Ratio <= 1.0 && Math.Abs(new FileInfo(oursZip).Length / (double)new FileInfo(zipZip).Length - 1) <= 0.02) { Detail = _ => Sizes(oursZip, zipZip) },
            new($"5 Packaging {size >> 20} MiB: SmallestSize / zip -X -6", 2, 1, "") { Detail = _ => Sizes(smallest, zipZip) },
        ]), cancellationToken);
    }

    private static async Task DeflateAsync(string input, string output, CompressionLevel level, CancellationToken cancellationToken)
    {
        await using var source = File.OpenRead(input);
        await using var target = File.Create(output);
        await using var deflate = new DeflateStream(target, level);
        await source.CopyToAsync(deflate, cancellationToken);
    }

    /// <summary>
    /// Where a warm no-op's time goes: its parts run on their own, alternately, and what is left is ours (project load,
    /// toolchain probes, hashing, ELF checks, logging).
    /// </summary>
    private async Task<string> BreakdownAsync(BenchmarkCommand ours, string manifest, string targetDirectory, IReadOnlyList<string> bins, CancellationToken cancellationToken)
    {
        var (cargo, environment) = await _raw.ToolchainAsync(LambdaArchitecture.Arm64, targetDirectory, cancellationToken);
        var folder = Path.GetDirectoryName(manifest)!;
        var noZip = new RawScript().Export(environment)
            .Run([cargo, "build", "--quiet", "--manifest-path", manifest, "--bins", "--target", RawBuilds.Triple(LambdaArchitecture.Arm64), "--release",
                .. RawBuilds.ReleaseConfig(LambdaArchitecture.Arm64).SelectMany(c => new[] { "--config", c })])
            .Write(Path.Combine(_work, "breakdown-cargo.sh"));
        var zips = new RawScript();
        foreach (var bin in bins)
            zips.CopyAndZip(Path.Combine(targetDirectory, "aarch64-unknown-linux-gnu", "release", bin), Path.Combine(targetDirectory, "raw-lambda", "arm64", bin));
        var parts = new[]
        {
            ours,
            BenchmarkCommand.Process("process start: ./build.sh --help (dotnet, host, no work)", _buildScript, ["--help"], _context.RootDirectory),
            BenchmarkCommand.Process("cargo metadata --no-deps (project load)", "cargo", ["metadata", "--format-version", "1", "--no-deps", "--manifest-path", manifest], folder),
            BenchmarkCommand.Process("cargo metadata --filter-platform (Doctor)", cargo,
                ["metadata", "--format-version", "1", "--filter-platform", RawBuilds.Triple(LambdaArchitecture.Arm64), "--manifest-path", manifest], folder, environment),
            Script("cargo's own no-op build", noZip),
            Script("copy + zip -X per function", zips.Write(Path.Combine(_work, "breakdown-zip.sh"))),
        };
        var samples = await _timer.MeasureAsync(parts, Runs(5), null, cancellationToken);
        var lines = new StringBuilder("Where the warm no-op's time goes (case 2; each part run on its own, alternately; medians):\n\n| Part | Median s |\n| --- | --- |\n");
        for (var i = 0; i < parts.Length; i++)
            lines.Append(CultureInfo.InvariantCulture, $"| {parts[i].Label} | {samples[i].Median:F3} |\n");
        var rest = samples[0].Median - samples.Skip(1).Sum(s => s.Median);
        lines.Append(CultureInfo.InvariantCulture, $"| rest of ours: project load, toolchain probes, hashing, ELF checks, logging | {rest:F3} |\n");
        return lines.ToString();
    }

    private async Task<IReadOnlyList<Sample>> MeasureAsync(BenchmarkCase benchmark, CancellationToken cancellationToken)
    {
        _context.Logger.LogInformation("Benchmark {Name}: {Commands}, {Runs} run(s) each", benchmark.Name, string.Join(" | ", benchmark.Commands.Select(c => c.Label)), benchmark.Runs);
        if (benchmark.WarmUp)
        {
            foreach (var command in benchmark.Commands)
                await command.RunAsync(_work, cancellationToken);
        }

        var samples = await _timer.MeasureAsync(benchmark.Commands, benchmark.Runs, benchmark.Prepare, cancellationToken);
        foreach (var row in benchmark.Rows)
        {
            var result = new BenchmarkResult(row.Name, row.Goal)
            {
                Ours = samples[row.A],
                Baseline = samples[row.B],
                OursLabel = benchmark.Commands[row.A].Label,
                BaselineLabel = benchmark.Commands[row.B].Label,
            };
            _results.Add(result with { Met = row.Meets?.Invoke(result), Detail = row.Detail?.Invoke(result) });
        }

        await WriteAsync(finished: false, cancellationToken);
        return samples;
    }

    private BenchmarkCommand Ours(string label, string manifest, params string[] arguments) =>
        BenchmarkCommand.Process(label, _buildScript, ["Package", .. arguments, "--manifest-path", manifest], _context.RootDirectory);

    private BenchmarkCommand Script(string label, string script) => BenchmarkCommand.Process(label, script, [], _work);

    private (string Manifest, string TargetDirectory, string[] Bins) Generated(int count)
    {
        var directory = Path.Combine(_work, $"workspace-{count}");
        return (GeneratedWorkspace.Write(directory, count), Path.Combine(directory, "target"), [.. GeneratedWorkspace.FunctionNames(count)]);
    }

    private static Task Clean(string targetDirectory)
    {
        if (Directory.Exists(targetDirectory))
            Directory.Delete(targetDirectory, recursive: true);
        return Task.CompletedTask;
    }

    private static async Task<string> FirstLineAsync(string fileName, string[] arguments, CancellationToken cancellationToken) =>
        (await Nuke.LambdaRust.Processes.ProcessRunner.RunAsync(new Nuke.LambdaRust.Processes.ToolInvocation(fileName, arguments),
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, cancellationToken, onOutput: _ => { })).StandardOutput[0].Trim();
}
