using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Toolchain;

/// <summary>
/// Finds cross and a running container engine. Neither can be installed for the user (cross comes from
/// <c>cargo install</c>, an engine needs a daemon or service), so a missing one is an error that says how to get it;
/// cargo-lambda only fails later with a bare spawn error.
/// </summary>
internal static class CrossTooling
{
    private static readonly TimeSpan EngineAnswerTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Finds cross and the container engine and checks that the engine answers <c>info</c>.</summary>
    /// <param name="crossPath">The cross executable the user set (a path or a name on PATH); <c>cross</c> on PATH when null.</param>
    /// <param name="containerEngine">The engine the user set; else <c>CROSS_CONTAINER_ENGINE</c>, else docker, else podman on PATH.</param>
    /// <param name="environment">Variables on top of this process's environment (a null value hides one).</param>
    /// <param name="logger">Told which engine is running.</param>
    /// <param name="cancellationToken">Cancels the engine check.</param>
    /// <exception cref="LambdaRustException">cross or the engine is missing, or the engine does not run.</exception>
    public static async Task<CrossInstallation> LocateAsync(string? crossPath, string? containerEngine,
        IReadOnlyDictionary<string, string?> environment, ILogger logger, CancellationToken cancellationToken)
    {
        var view = new EnvironmentView(environment);
        var cross = view.FindExecutable(crossPath ?? "cross")
            ?? throw new LambdaRustException(
                crossPath is null ? "'cross' is not on PATH." : $"The cross executable '{crossPath}' (CrossPath) does not exist.",
                "Install it with 'cargo install cross' (it also needs Docker or Podman), or use the zig compiler (--compiler zig), which needs no container.");

        var engineName = containerEngine ?? view.GetNonEmpty("CROSS_CONTAINER_ENGINE");
        var engine = engineName is not null
            ? view.FindExecutable(engineName)
            : view.FindExecutable("docker") ?? view.FindExecutable("podman");
        if (engine is null)
        {
            throw new LambdaRustException(
                engineName is null
                    ? "cross needs a container engine, and neither 'docker' nor 'podman' is on PATH."
                    : $"The container engine '{engineName}' (ContainerEngine / CROSS_CONTAINER_ENGINE) was not found.",
                "Install Docker or Podman (Debian/Ubuntu: apt-get install podman), or use the zig compiler (--compiler zig).");
        }

        await EnsureEngineRunsAsync(engine, logger, cancellationToken).ConfigureAwait(false);
        return new CrossInstallation(cross, engine);
    }

    /// <summary>An installed engine whose daemon is down fails only inside cross with a long trace; <c>info</c> says so up front.</summary>
    private static async Task EnsureEngineRunsAsync(string engine, ILogger logger, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(EngineAnswerTimeout);
        ToolResult result;
        try
        {
            result = await ProcessRunner.RunAsync(new ToolInvocation(engine, ["info"]), NullLogger.Instance,
                timeout.Token, onOutput: _ => { }, checkExitCode: false).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LambdaRustException($"The container engine '{engine}' did not answer 'info' within {EngineAnswerTimeout.TotalSeconds:0} seconds.",
                "Check that its daemon/service is running, or use the zig compiler (--compiler zig).");
        }

        if (result.ExitCode != 0)
        {
            var reason = result.StandardError.LastOrDefault(l => l.Trim().Length > 0) ?? $"exit code {result.ExitCode}";
            throw new LambdaRustException(
                $"The container engine '{engine}' is installed but not usable: {reason.Trim()}",
                "Start it (e.g. 'sudo systemctl start docker'), or use the zig compiler (--compiler zig), which needs no container.");
        }

        logger.LogInformation("Container engine {Engine} is running", engine);
    }
}
