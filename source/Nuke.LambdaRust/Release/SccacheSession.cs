using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Release;

/// <summary>
/// cargo through sccache for one release: checks that sccache runs and serves the cache it is pointed at (a Redis one
/// needs an sccache built with Redis), reads its statistics before and after the build, and stops the server again
/// when this run started it, so nothing is left running.
/// </summary>
internal sealed class SccacheSession
{
    private readonly string _program;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly ILogger _logger;
    private readonly bool _startedServer;
    private readonly SccacheStats _before;

    private SccacheSession(string program, string version, IReadOnlyDictionary<string, string?> environment, ILogger logger, bool startedServer, SccacheStats before)
    {
        _program = program;
        Version = version;
        _environment = environment;
        _logger = logger;
        _startedServer = startedServer;
        _before = before;
    }

    /// <summary>What <c>sccache --version</c> printed.</summary>
    public string Version { get; }

    /// <summary>The program to set as <c>RUSTC_WRAPPER</c>.</summary>
    public string Program => _program;

    /// <summary>Starts (or finds) the sccache server cargo will use.</summary>
    /// <param name="program">sccache's path or name (<c>RUSTC_WRAPPER</c>'s value when it is set).</param>
    /// <param name="environment">The build's environment (SCCACHE_DIR, SCCACHE_REDIS, SCCACHE_SERVER_PORT ... as cargo will see them).</param>
    /// <param name="origin">What asked for sccache, for errors (<c>--sccache</c>, <c>RUSTC_WRAPPER=sccache</c>).</param>
    /// <param name="logger">Receives the commands.</param>
    /// <param name="cancellationToken">Stops sccache.</param>
    public static async Task<SccacheSession> StartAsync(
        string program, IReadOnlyDictionary<string, string?> environment, string origin, ILogger logger, CancellationToken cancellationToken)
    {
        ToolResult version;
        try
        {
            version = await ProcessRunner.RunAsync(Invocation(program, environment, "--version"), logger, cancellationToken, onOutput: _ => { }).ConfigureAwait(false);
        }
        catch (LambdaRustException exception)
        {
            throw new LambdaRustException(
                $"{origin} runs cargo through sccache, but '{program}' cannot be run: {exception.Problem}",
                "Install sccache (apt-get install sccache, or a release from github.com/mozilla/sccache) and put it on PATH, or drop --sccache.",
                exception);
        }

        var versionText = version.StandardOutput.FirstOrDefault()?.Trim() ?? "sccache (unknown version)";
        var redis = environment.GetValueOrDefault("SCCACHE_REDIS") is { Length: > 0 } || environment.GetValueOrDefault("SCCACHE_REDIS_ENDPOINT") is { Length: > 0 };
        var port = int.TryParse(environment.GetValueOrDefault("SCCACHE_SERVER_PORT"), out var p) ? p : 4226;
        var running = await IsListeningAsync(port, cancellationToken).ConfigureAwait(false);
        if (!running)
        {
            var started = await ProcessRunner.RunAsync(Invocation(program, environment, "--start-server"), logger, cancellationToken, checkExitCode: false)
                .ConfigureAwait(false);
            if (started.ExitCode != 0)
            {
                var said = string.Join(" ", started.StandardError.Concat(started.StandardOutput).Select(l => l.Trim()).Where(l => l.Length > 0));
                if (redis && said.Contains("not enabled", StringComparison.OrdinalIgnoreCase))
                {
                    throw new LambdaRustException(
                        $"SCCACHE_REDIS is set, but {versionText} ('{program}') was built without Redis support: {said}",
                        "Install an sccache built with the redis feature (the release binaries from github.com/mozilla/sccache/releases, or cargo install sccache --features redis); Debian's sccache package has no Redis. Or unset SCCACHE_REDIS to use the local disk cache.");
                }

                throw new LambdaRustException($"{origin}: the sccache server did not start ({versionText}): {said}", "Fix what sccache reports; sccache --start-server shows it too.");
            }
        }

        var before = await StatsAsync(program, environment, logger, cancellationToken).ConfigureAwait(false);
        if (redis && !before.CacheLocation.StartsWith("Redis", StringComparison.OrdinalIgnoreCase))
        {
            if (!running)
                await StopAsync(program, environment, logger).ConfigureAwait(false);
            throw new LambdaRustException(
                $"SCCACHE_REDIS is set, but the sccache server ({versionText}) caches to {before.CacheLocation}: {(running ? "a server started without it is already running" : "this sccache has no Redis support")}.",
                running
                    ? "Stop the running server (sccache --stop-server) so that it starts again with SCCACHE_REDIS, then run the release again."
                    : "Install an sccache built with the redis feature (github.com/mozilla/sccache/releases), or unset SCCACHE_REDIS.");
        }

        logger.LogInformation("cargo runs through {Version}, caching to {Location}", versionText, before.CacheLocation);
        return new SccacheSession(program, versionText, environment, logger, startedServer: !running, before);
    }

    /// <summary>What the build hit and missed; stops the server when this session started it.</summary>
    public async Task<SccacheStats> FinishAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await StatsAsync(_program, _environment, _logger, cancellationToken).ConfigureAwait(false)).Since(_before);
        }
        finally
        {
            await StopIfStartedAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the server when this session started it (also after a failed build).</summary>
    public async Task StopIfStartedAsync()
    {
        if (_startedServer)
            await StopAsync(_program, _environment, _logger).ConfigureAwait(false);
    }

    private static async Task StopAsync(string program, IReadOnlyDictionary<string, string?> environment, ILogger logger) =>
        await ProcessRunner.RunAsync(Invocation(program, environment, "--stop-server"), logger, CancellationToken.None, onOutput: _ => { }, checkExitCode: false)
            .ConfigureAwait(false);

    private static async Task<SccacheStats> StatsAsync(string program, IReadOnlyDictionary<string, string?> environment, ILogger logger, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(Invocation(program, environment, "--show-stats", "--stats-format", "json"), logger, cancellationToken,
            onOutput: _ => { }, fixOnFailure: "Check that the sccache server runs: sccache --show-stats.").ConfigureAwait(false);
        return SccacheStats.Parse(string.Join('\n', result.StandardOutput));
    }

    private static ToolInvocation Invocation(string program, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        new(program, arguments) { Environment = environment };

    private static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
