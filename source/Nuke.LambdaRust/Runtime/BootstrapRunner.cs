using System.ComponentModel;
using System.Globalization;
using CliWrap;
using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Runtime;

/// <summary>
/// Invokes a built <c>bootstrap</c> once, for real and without a cloud: starts it against a <see cref="LocalRuntimeApi"/>
/// (under <c>qemu-aarch64</c> for arm64 on an x86_64 machine), hands it the event, waits for its answer and then
/// kills it, as Lambda freezes a sandbox after an invocation.
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

        var functionName = BootstrapLaunch.FunctionNameFor(bootstrapPath);
        await using var api = new LocalRuntimeApi(functionName);
        var invocation = BootstrapLaunch.Create(bootstrapPath, architecture, api.Address, functionName, environment, host);
        logger.LogInformation("> {CommandLine}", invocation.Render());

        var output = new List<string>();
        void Collect(string line)
        {
            lock (output)
                output.Add(line);
            logger.LogInformation("{Line}", line);
        }

        using var kill = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var command = Cli.Wrap(invocation.FileName)
            .WithArguments(invocation.Arguments)
            .WithWorkingDirectory(invocation.WorkingDirectory ?? Directory.GetCurrentDirectory())
            .WithEnvironmentVariables(invocation.Environment)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(Collect))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(Collect));

        Task<CommandResult> process;
        try
        {
            // Forceful cancellation of CliWrap kills the whole process tree (qemu and anything the bootstrap started).
            process = command.ExecuteAsync(kill.Token).Task;
        }
        catch (Win32Exception exception)
        {
            throw CannotStart(invocation, bootstrapPath, exception);
        }

        var effectiveTimeout = timeout ?? DefaultTimeout;
        var answer = api.InvokeAsync(eventJson, effectiveTimeout, kill.Token);
        InvocationOutcome? outcome = null;
        Exception? failure = null;
        CommandResult? exited = null;
        try
        {
            await Task.WhenAny(answer, process).ConfigureAwait(false);
            if (answer.IsCompletedSuccessfully)
                outcome = answer.Result;
            else if (process.IsCompleted && !answer.IsCompleted)
                exited = await process.ConfigureAwait(false);
            else
                outcome = await answer.ConfigureAwait(false); // throws the timeout or cancellation
        }
        catch (Win32Exception exception)
        {
            failure = CannotStart(invocation, bootstrapPath, exception);
        }
        catch (Exception exception)
        {
            failure = exception;
        }
        finally
        {
            // Every path ends with the process gone; a bootstrap never exits on its own after answering.
            await kill.CancelAsync().ConfigureAwait(false);
            try
            {
                await process.ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or Win32Exception)
            {
                // Killed by us, or never started (reported above).
            }
        }

        List<string> lines;
        lock (output)
            lines = [.. output];

        ct.ThrowIfCancellationRequested();
        if (exited is not null)
        {
            throw new LambdaRustException(
                $"The bootstrap '{Path.GetFullPath(bootstrapPath)}' exited with code {exited.ExitCode.ToString(CultureInfo.InvariantCulture)} before answering the invocation.{Describe(lines)}",
                $"Check its output above. A bootstrap must keep running and loop on GET /2018-06-01/runtime/invocation/next from AWS_LAMBDA_RUNTIME_API; make sure it was built for {architecture.ToLambdaName()} Linux.");
        }

        // The Runtime API's timeout says what the function failed to do; its output says why.
        if (failure is LambdaRustException timedOut && answer.IsFaulted)
            throw new LambdaRustException(timedOut.Problem + Describe(lines), timedOut.Fix, timedOut);
        if (failure is not null)
            throw failure;
        return new BootstrapInvocation(outcome!, lines);
    }

    private static LambdaRustException CannotStart(ToolInvocation invocation, string bootstrapPath, Win32Exception exception) =>
        new(
            $"Could not start '{invocation.FileName}' for the bootstrap '{Path.GetFullPath(bootstrapPath)}': {exception.Message}.",
            "The bootstrap must be an executable file (chmod 755, which Lambda requires too) built for Linux.",
            exception);

    private static string Describe(IReadOnlyList<string> lines) =>
        lines.Count == 0
            ? $"{Environment.NewLine}It wrote no output."
            : $"{Environment.NewLine}Its last output:{Environment.NewLine}" +
              string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Count - OutputTailLines)).Select(l => "  " + l));
}
