using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Checks;

/// <summary>
/// Gets the dependency graph a build would link: <c>cargo metadata</c> with dependencies for the target and features;
/// where cargo cannot resolve (offline, sources missing), Cargo.lock plus the manifests, with a warning that says so.
/// </summary>
internal static class DependencyGraphLoader
{
    public static async Task<DependencyGraph> LoadAsync(
        CargoWorkspace workspace, GraphRequest request, CargoCommand cargo, ILogger logger, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string?>(cargo.Environment, StringComparer.Ordinal);
        foreach (var (name, value) in request.Environment)
            environment[name] = value;
        var invocation = new ToolInvocation(cargo.FileName, [.. cargo.PrefixArguments, .. request.Arguments()])
        {
            WorkingDirectory = Path.GetDirectoryName(request.ManifestPath),
            Environment = environment,
        };

        string reason;
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var result = await ProcessRunner.RunAsync(invocation, logger, cancellationToken, onOutput: _ => { }).ConfigureAwait(false);
            var resolved = CargoMetadataGraph.Parse(string.Join('\n', result.StandardOutput), request.ManifestPath);
            return new DependencyGraph(resolved.Source, resolved.Nodes) { CargoDuration = result.Duration };
        }
        catch (ProcessFailedException failure)
        {
            reason = failure.StandardErrorTail.LastOrDefault(l => l.TrimStart().StartsWith("error", StringComparison.Ordinal))?.Trim()
                     ?? failure.StandardErrorTail.LastOrDefault()?.Trim()
                     ?? $"exit code {failure.ExitCode}";
        }

        var cargoDuration = stopwatch.Elapsed;
        var graph = CargoLockGraph.Load(workspace, reason);
        graph = new DependencyGraph(graph.Source, graph.Nodes, graph.Note) { CargoDuration = cargoDuration };
        logger.LogWarning(
            "Doctor: cargo metadata could not resolve the dependency graph for {Triple} ({Reason}); using {Fallback} instead, without platform or feature filtering",
            request.Triple, reason, graph.Source == GraphSource.CargoLock ? "Cargo.lock and the manifests" : "the workspace manifests (no Cargo.lock)");
        return graph;
    }
}
