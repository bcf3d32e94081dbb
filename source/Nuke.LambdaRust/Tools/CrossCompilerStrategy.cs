using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Tools;

/// <summary>
/// <c>cross build</c>: checks first that cross and a running container engine exist (cargo-lambda only fails with a bare
/// spawn error), and sets cargo-lambda's default image unless the project configures one.
/// </summary>
internal static class CrossCompilerStrategy
{
    internal const string DefaultImageVersion = "0.2.5";

    public static async Task<CompilerInvocation> PrepareAsync(BuildContext context, BuildGroup group, CancellationToken cancellationToken)
    {
        var settings = (CrossBuildSettings)context.Settings;
        var userEnvironment = context.UserEnvironment(group);
        var cross = new EnvironmentView(userEnvironment).FindExecutable(settings.CrossPath ?? "cross")
            ?? throw new LambdaRustException(
                settings.CrossPath is null ? "'cross' is not on PATH." : $"The cross executable '{settings.CrossPath}' (CrossPath) does not exist.",
                "Install it with 'cargo install cross' (it also needs Docker or Podman), or use the zig compiler (--compiler zig), which needs no container.");

        var engineName = settings.ContainerEngine ?? userEnvironment.GetValueOrDefault("CROSS_CONTAINER_ENGINE");
        var engine = engineName is not null
            ? new EnvironmentView(userEnvironment).FindExecutable(engineName)
            : new EnvironmentView(userEnvironment).FindExecutable("docker") ?? new EnvironmentView(userEnvironment).FindExecutable("podman");
        if (engine is null)
        {
            throw new LambdaRustException(
                engineName is null
                    ? "cross needs a container engine, and neither 'docker' nor 'podman' is on PATH."
                    : $"The container engine '{engineName}' (ContainerEngine / CROSS_CONTAINER_ENGINE) was not found.",
                "Install Docker or Podman (Debian/Ubuntu: apt-get install podman), or use the zig compiler (--compiler zig).");
        }

        await EnsureEngineRunsAsync(engine, context.Logger, cancellationToken).ConfigureAwait(false);

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["CROSS_CONTAINER_ENGINE"] = engine };
        var imageVariable = $"CROSS_TARGET_{group.Target.EnvironmentKey}_IMAGE";
        if (settings.Image is not null)
            environment[imageVariable] = settings.Image;
        else if (!userEnvironment.ContainsKey(imageVariable) && !CrossConfiguration.ConfiguresImage(context.Workspace, group.Target.Triple))
            environment[imageVariable] = $"ghcr.io/cross-rs/{group.Target.Triple}:{DefaultImageVersion}";

        return new CompilerInvocation(cross, [], environment);
    }

    private static async Task EnsureEngineRunsAsync(string engine, ILogger logger, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        ToolResult result;
        try
        {
            result = await ProcessRunner.RunAsync(new ToolInvocation(engine, ["info"]), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
                timeout.Token, onOutput: _ => { }, checkExitCode: false).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LambdaRustException($"The container engine '{engine}' did not answer 'info' within 30 seconds.",
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
