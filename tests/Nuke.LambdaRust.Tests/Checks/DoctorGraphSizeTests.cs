using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Checks;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Processes;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Tools;
using Xunit.Abstractions;

namespace Nuke.LambdaRust.Tests.Checks;

/// <summary>
/// The Doctor on a generated 300-crate graph — a workspace of path crates, each depending on two more (a binary tree),
/// the deepest one linking libpq — resolved by cargo metadata, and the same 300 crates through the Cargo.lock fallback.
/// The durations are printed (a figure, not an assertion); the findings are asserted.
/// </summary>
public sealed class DoctorGraphSizeTests(ITestOutputHelper output) : IDisposable
{
    private const int Crates = 300;
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_300_crate_graph_is_resolved_and_checked_and_the_deepest_system_library_is_named_with_its_path()
    {
        var manifest = WriteTreeWorkspace(_directory.Combine("tree"));

        var report = await LambdaRustTasks.DoctorAsync(s => s
            .SetBuild(new CargoBuildSettings().SetManifestPath(manifest).SetArchitecture(LambdaArchitecture.X86_64))
            .AddAllowedRules("native-library").SetLogger(new TestOutputLogger(output)));

        var group = Assert.Single(report.Groups);
        Assert.Equal(GraphSource.CargoMetadata, group.Graph.Source);
        Assert.Equal(Crates + 1, group.Graph.Nodes.Count);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(("native-library", FindingSeverity.Error, "c299 0.1.0"), (finding.Rule, finding.Severity, finding.Subject));
        Assert.Equal(["big-fn", "c000 0.1.0", "c001 0.1.0", "c003 0.1.0", "c008 0.1.0", "c017 0.1.0", "c036 0.1.0", "c074 0.1.0", "c149 0.1.0", "c299 0.1.0"], finding.Path);
        Assert.Contains("'pq'", finding.Message);

        // The rules alone, on the graph already parsed: what the Doctor adds to cargo's own resolution.
        var metadata = await ProcessRunner.RunAsync(new ToolInvocation("cargo", ["metadata", "--format-version", "1", "--filter-platform", "x86_64-unknown-linux-gnu", "--manifest-path", manifest]),
            NullLogger.Instance, onOutput: _ => { });
        var json = string.Join('\n', metadata.StandardOutput);
        var analysis = Median(() =>
        {
            var graph = CargoMetadataGraph.Parse(json, manifest);
            var root = graph.Member("big-fn")!;
            var context = new DoctorContext(graph, graph.Reachable(root), LambdaCompiler.Cargo, new RustTarget(LambdaArchitecture.X86_64, Glibc: new Version(2, 34)),
                LambdaRuntime.ProvidedAl2023, false, new Dictionary<string, string?>(), new EnvironmentView());
            Assert.Single(CheckRules.Doctor.SelectMany(r => r.Check(context)));
        });
        output.WriteLine($"Doctor on {Crates + 1} crates: {report.Duration.TotalMilliseconds:0} ms in all, {group.Graph.CargoDuration.TotalMilliseconds:0} ms of it in cargo metadata " +
                         $"(a second, warm cargo metadata: {metadata.Duration.TotalMilliseconds:0} ms); parsing the graph and running every rule: {analysis.TotalMilliseconds:0.0} ms (median of 20)");
    }

    [Fact]
    public async Task A_300_crate_cargo_lock_is_the_fallback_when_cargo_cannot_resolve_and_it_is_checked_too()
    {
        var manifest = WriteLockOnlyWorkspace(_directory.Combine("lock"));
        DebianCrates.UseOffline(Path.GetDirectoryName(manifest)!);

        var report = await LambdaRustTasks.DoctorAsync(s => s
            .SetBuild(new CargoBuildSettings().SetManifestPath(manifest).SetArchitecture(LambdaArchitecture.X86_64))
            .AddAllowedRules("diesel-native-client").SetLogger(new TestOutputLogger(output)));

        var group = Assert.Single(report.Groups);
        Assert.Equal(GraphSource.CargoLock, group.Graph.Source);
        Assert.Equal(Crates + 1, group.Graph.Nodes.Count);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(("diesel-native-client", "pq-sys 0.4.8"), (finding.Rule, finding.Subject));
        Assert.Equal("lock-fn", finding.Path[0]);
        Assert.Equal(Crates / 2 + 1, finding.Path.Count);
        output.WriteLine($"Doctor on a {Crates + 1}-crate Cargo.lock: {report.Duration.TotalMilliseconds:0} ms in all, {group.Graph.CargoDuration.TotalMilliseconds:0} ms of it in the failing cargo metadata");
    }

    /// <summary>big-fn → c000; cN → c(2N+1), c(2N+2); c299 links "pq" (a system library no runtime ships), c150 links "z" (one they ship).</summary>
    private static string WriteTreeWorkspace(string root)
    {
        var members = new StringBuilder();
        for (var index = 0; index < Crates; index++)
        {
            var name = $"c{index:000}";
            members.Append($"\"crates/{name}\", ");
            var dependencies = new StringBuilder();
            foreach (var child in new[] { 2 * index + 1, 2 * index + 2 }.Where(c => c < Crates))
                dependencies.AppendLine($"c{child:000} = {{ path = \"../c{child:000}\" }}");
            var links = index switch { 299 => "links = \"pq\"\nbuild = \"build.rs\"\n", 150 => "links = \"z\"\nbuild = \"build.rs\"\n", _ => "" };
            Write(root, $"crates/{name}/Cargo.toml", $"[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n{links}\n[dependencies]\n{dependencies}");
            Write(root, $"crates/{name}/src/lib.rs", "");
            if (links.Length > 0)
                Write(root, $"crates/{name}/build.rs", "fn main() {}\n");
        }

        Write(root, "functions/big-fn/Cargo.toml", "[package]\nname = \"big-fn\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nc000 = { path = \"../../crates/c000\" }\n");
        Write(root, "functions/big-fn/src/main.rs", "fn main() {}\n");
        return Write(root, "Cargo.toml", $"[workspace]\nresolver = \"2\"\nmembers = [{members}\"functions/big-fn\"]\n");
    }

    /// <summary>lock-fn → chain-000 … chain-147 → diesel → pq-sys, and 150 more chain crates, in Cargo.lock only (none of them is available here).</summary>
    private static string WriteLockOnlyWorkspace(string root)
    {
        var lockFile = new StringBuilder("version = 3\n");
        void Package(string name, string version, string? dependency, bool registry = true) =>
            lockFile.Append($"\n[[package]]\nname = \"{name}\"\nversion = \"{version}\"\n")
                .Append(registry ? "source = \"registry+https://github.com/rust-lang/crates.io-index\"\n" : "")
                .Append(dependency is null ? "" : $"dependencies = [\n \"{dependency}\",\n]\n");
        Package("lock-fn", "0.1.0", "chain-000", registry: false);
        var chain = Crates - 2;
        for (var index = 0; index < chain; index++)
            Package($"chain-{index:000}", "1.0.0", index < Crates / 2 - 3 ? $"chain-{index + 1:000}" : index == Crates / 2 - 3 ? "diesel" : null);
        Package("diesel", "2.1.4", "pq-sys");
        Package("pq-sys", "0.4.8", null);
        // chain-148 … chain-297 depend on nothing and nothing on them: 298 chain crates, 301 nodes in all.
        Write(root, "Cargo.lock", lockFile.ToString());
        Write(root, "src/main.rs", "fn main() {}\n");
        return Write(root, "Cargo.toml", "[package]\nname = \"lock-fn\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nchain-000 = \"1\"\n");
    }

    private static string Write(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static TimeSpan Median(Action action)
    {
        var times = new List<TimeSpan>();
        for (var run = 0; run < 20; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            action();
            times.Add(stopwatch.Elapsed);
        }

        return times.Order().ElementAt(times.Count / 2);
    }
}
