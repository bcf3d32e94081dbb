using System.Globalization;
using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Runtime;

/// <summary>
/// Invokes a built <c>bootstrap</c> once, for real and without a cloud: starts it in Lambda's environment against a
/// <see cref="LocalRuntimeApi"/> (under <c>qemu-aarch64</c> for arm64 on an x86_64 machine), hands it the event, waits
/// for its answer and then kills it. For a packaged zip and several events, see <see cref="LambdaRustTasks.Invoke"/>.
/// </summary>
public static class BootstrapRunner
{
    /// <summary>The default time a bootstrap gets to start and answer (emulated starts are slower than Lambda's).</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(30);

    private const int OutputTailLines = 25;

    /// <summary>Runs the bootstrap for one event and returns its answer with everything it printed.</summary>
    /// <param name="bootstrapPath">The executable (e.g. <c>target/lambda/hello/bootstrap</c>).</param>
    /// <param name="architecture">What it was built for; decides whether it needs an emulator.</param>
    /// <param name="eventJson">The event.</param>
    /// <param name="logger">Receives the command line and every output line.</param>
    /// <param name="timeout">How long it has to start and answer; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="ct">Cancels the invocation; the process is killed.</param>
    /// <exception cref="LambdaRustException">
    /// The bootstrap is missing or cannot start, the emulator is missing, the process exited before answering
    /// (the message names the exit code and shows the output), or no answer came in time.
    /// </exception>
    public static Task<BootstrapInvocation> InvokeAsync(
        string bootstrapPath,
        LambdaArchitecture architecture,
        string eventJson,
        ILogger logger,
        TimeSpan? timeout = null,
        CancellationToken ct = default) =>
        InvokeAsync(bootstrapPath, architecture, eventJson, logger, timeout, Environment.GetEnvironmentVariable, LambdaArchitectures.Host, ct);

    /// <summary>As the public overload, with the environment and host architecture supplied (a seam for tests).</summary>
    internal static async Task<BootstrapInvocation> InvokeAsync(
        string bootstrapPath,
        LambdaArchitecture architecture,
        string eventJson,
        ILogger logger,
        TimeSpan? timeout,
        Func<string, string?> environment,
        LambdaArchitecture? host,
        CancellationToken ct)
    {
        if (!File.Exists(bootstrapPath))
        {
            throw new LambdaRustException(
                $"The bootstrap '{Path.GetFullPath(bootstrapPath)}' does not exist.",
                "Build and package the function first, or pass the path of its bootstrap executable.");
        }

        if (timeout <= TimeSpan.Zero)
        {
            throw new LambdaRustException(
                $"The invocation timeout {timeout} is not positive.",
                "Pass a timeout greater than zero, or null for the default of 30 seconds.");
        }

        var options = new SandboxOptions(bootstrapPath, architecture, BootstrapLaunch.FunctionNameFor(bootstrapPath))
        {
            HostEnvironment = environment,
            Host = host,
        };
        InvocationResult result;
        await using (var session = new BootstrapSession(options, logger))
            result = await session.InvokeAsync(InvokeEvent.FromJson(eventJson), timeout ?? DefaultTimeout, ct).ConfigureAwait(false);

        var bootstrap = Path.GetFullPath(bootstrapPath);
        return result.Status switch
        {
            InvocationStatus.Crashed => throw new LambdaRustException(
                $"The bootstrap '{bootstrap}' exited with code {result.ExitCode?.ToString(CultureInfo.InvariantCulture)} before answering the invocation.{Describe(result.Output)}",
                $"Check its output above. A bootstrap must keep running and loop on GET /2018-06-01/runtime/invocation/next from AWS_LAMBDA_RUNTIME_API; make sure it was built for {architecture.ToLambdaName()} Linux."),
            InvocationStatus.TimedOut => throw new LambdaRustException(
                $"The bootstrap '{bootstrap}' did not answer within {(timeout ?? DefaultTimeout).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s: {result.ErrorMessage}.{Describe(result.Output)}",
                "Make sure the bootstrap implements the Runtime API loop (GET /2018-06-01/runtime/invocation/next from AWS_LAMBDA_RUNTIME_API); raise the timeout if it is only slow."),
            _ => new BootstrapInvocation(
                new InvocationOutcome(result.Succeeded, result.Body, result.ErrorType, result.RequestId) { IsInitError = result.Status == InvocationStatus.InitError },
                result.Output),
        };
    }

    private static string Describe(IReadOnlyList<string> lines) =>
        lines.Count == 0
            ? $"{Environment.NewLine}It wrote no output."
            : $"{Environment.NewLine}Its last output:{Environment.NewLine}" +
              string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Count - OutputTailLines)).Select(l => "  " + l));
}
