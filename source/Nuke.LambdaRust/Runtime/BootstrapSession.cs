using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CliWrap;
using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Runtime;

/// <summary>
/// Invokes one bootstrap with events in order, the way Lambda uses a sandbox: the first event starts the bootstrap
/// against a fresh <see cref="LocalRuntimeApi"/>; later events go to the same running process. A crash, a timeout or an
/// init error ends the sandbox (the process is killed and waited for), and the next event starts a new one.
/// Disposing kills whatever still runs.
/// </summary>
internal sealed class BootstrapSession(SandboxOptions options, ILogger logger) : IAsyncDisposable
{
    private readonly List<string> _output = [];
    private Sandbox? _sandbox;

    /// <summary>How many times a bootstrap was started.</summary>
    public int Starts { get; private set; }

    /// <summary>Delivers one event and waits, at most <paramref name="timeout"/>, for its answer.</summary>
    /// <exception cref="LambdaRustException">The bootstrap cannot be started at all (not executable, no emulator).</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the bootstrap was killed.</exception>
    public async Task<InvocationResult> InvokeAsync(InvokeEvent invokeEvent, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        int from;
        _sandbox?.DrainOutput();
        lock (_output)
            from = _output.Count;
        var coldStart = _sandbox is null;
        var sandbox = _sandbox ??= await StartAsync(cancellationToken).ConfigureAwait(false);
        var requestId = Guid.NewGuid().ToString();
        var answer = sandbox.Api.InvokeAsync(invokeEvent.Json, timeout, requestId, cancellationToken);

        await Task.WhenAny(answer, sandbox.Process).ConfigureAwait(false);
        if (!answer.IsCompleted && sandbox.Process.IsCompleted)
        {
            // Exited without answering; stopping the API fails the invocation it still waits for. One posted just
            // before the exit was recorded first and stays answered.
            await StopAsync().ConfigureAwait(false);
        }

        InvocationResult result;
        try
        {
            var outcome = await answer.ConfigureAwait(false);
            result = new InvocationResult(invokeEvent, StatusOf(outcome), outcome.Body, outcome.RequestId) { ErrorType = outcome.ErrorType };
        }
        catch (ObjectDisposedException) when (sandbox.Process.IsCompleted)
        {
            result = await CrashedAsync(invokeEvent, sandbox, requestId).ConfigureAwait(false);
        }
        catch (LambdaRustException timedOut) when (!cancellationToken.IsCancellationRequested)
        {
            // The only failure of InvokeAsync once the event is queued: no answer in time. Lambda ends the sandbox.
            await StopAsync().ConfigureAwait(false);
            var seconds = timeout.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
            var what = timedOut.Problem.Contains("did not fetch the event", StringComparison.Ordinal)
                ? "the bootstrap did not fetch the event with GET /runtime/invocation/next"
                : "the function fetched the event but did not answer";
            result = new InvocationResult(invokeEvent, InvocationStatus.TimedOut,
                ErrorDocument($"RequestId: {requestId} Error: Task timed out after {seconds} seconds ({what})", "Sandbox.Timedout"), requestId)
            {
                ErrorType = "Sandbox.Timedout",
            };
        }
        catch (OperationCanceledException)
        {
            await StopAsync().ConfigureAwait(false);
            throw;
        }

        // An init error, or an exit right after answering, leaves no sandbox for the next event.
        if (_sandbox is not null && (result.Status == InvocationStatus.InitError || sandbox.Process.IsCompleted))
            await StopAsync().ConfigureAwait(false);

        // The function wrote its lines before it answered; draining now keeps them with this invocation.
        sandbox.DrainOutput();
        List<string> lines;
        lock (_output)
            lines = _output.Skip(from).ToList();
        return result with { ColdStart = coldStart, Duration = stopwatch.Elapsed, Output = lines };
    }

    /// <summary>Kills the bootstrap if it still runs and stops its Runtime API.</summary>
    public ValueTask DisposeAsync() => new(StopAsync());

    private static InvocationStatus StatusOf(InvocationOutcome outcome) =>
        outcome.Succeeded ? InvocationStatus.Succeeded
        : outcome.IsInitError ? InvocationStatus.InitError
        : InvocationStatus.FunctionError;

    private async Task<Sandbox> StartAsync(CancellationToken cancellationToken)
    {
        var api = new LocalRuntimeApi(options.FunctionName, options.Region);
        ToolInvocation invocation;
        try
        {
            invocation = BootstrapLaunch.Create(options, api.Address);
        }
        catch
        {
            await api.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        Starts++;
        logger.LogInformation("Starting {Function} ({Architecture}): {CommandLine}", options.FunctionName, options.Architecture.ToLambdaName(), invocation.Render());
        var kill = new CancellationTokenSource();
        var standardOutput = new BootstrapOutputPipe(Collect);
        var standardError = new BootstrapOutputPipe(Collect);
        var command = Cli.Wrap(invocation.FileName)
            .WithArguments(invocation.Arguments)
            .WithWorkingDirectory(invocation.WorkingDirectory ?? options.TaskRoot)
            .WithEnvironmentVariables(invocation.Environment)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(standardOutput)
            .WithStandardErrorPipe(standardError);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Forceful cancellation of CliWrap kills the whole process tree (qemu and anything the bootstrap started).
                return new Sandbox(api, command.ExecuteAsync(kill.Token).Task, kill, invocation, [standardOutput, standardError]);
            }
            catch (Win32Exception exception) when (IsTextFileBusy(exception) && attempt < 20 && !cancellationToken.IsCancellationRequested)
            {
                // ETXTBSY: the bootstrap was just written, and a process another thread forked meanwhile still holds the
                // written file open until it execs. It goes away by itself; try again shortly.
                await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Win32Exception exception)
            {
                kill.Dispose();
                await api.DisposeAsync().ConfigureAwait(false);
                throw CannotStart(invocation, exception);
            }
        }
    }

    private static bool IsTextFileBusy(Exception? exception)
    {
        const int ETXTBSY = 26;
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is Win32Exception { NativeErrorCode: ETXTBSY })
                return true;
        }

        return false;
    }

    private void Collect(string line)
    {
        lock (_output)
            _output.Add(line);
        logger.LogInformation("{Function} | {Line}", options.FunctionName, line);
    }

    private async Task<InvocationResult> CrashedAsync(InvokeEvent invokeEvent, Sandbox sandbox, string requestId)
    {
        int exitCode;
        try
        {
            exitCode = (await sandbox.Process.ConfigureAwait(false)).ExitCode;
        }
        catch (Win32Exception exception)
        {
            throw CannotStart(sandbox.Invocation, exception);
        }

        // Lambda's words for a runtime that exits mid-invocation; .NET reports a signal N as exit code 128 + N.
        var status = exitCode > 128 ? $"exit status {exitCode} (signal {exitCode - 128})" : $"exit status {exitCode}";
        return new InvocationResult(invokeEvent, InvocationStatus.Crashed,
            ErrorDocument($"RequestId: {requestId} Error: Runtime exited with error: {status}", "Runtime.ExitError"), requestId)
        {
            ErrorType = "Runtime.ExitError",
            ExitCode = exitCode,
        };
    }

    private async Task StopAsync()
    {
        if (_sandbox is not { } sandbox)
            return;
        _sandbox = null;
        await sandbox.Kill.CancelAsync().ConfigureAwait(false);
        try
        {
            await sandbox.Process.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or Win32Exception)
        {
            // Killed by us (the process is gone once this returns), or it never started (reported by the caller).
        }

        await sandbox.Api.DisposeAsync().ConfigureAwait(false);
        sandbox.Kill.Dispose();
    }

    private LambdaRustException CannotStart(ToolInvocation invocation, Win32Exception exception) =>
        new(
            $"Could not start '{invocation.FileName}' for the bootstrap '{Path.GetFullPath(options.BootstrapPath)}': {exception.Message}.",
            "The bootstrap must be an executable file (chmod 755, which Lambda requires too) built for Linux.",
            exception);

    private static string ErrorDocument(string message, string errorType) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["errorMessage"] = message, ["errorType"] = errorType });

    /// <summary>One running bootstrap and the Runtime API it talks to.</summary>
    private sealed record Sandbox(
        LocalRuntimeApi Api, Task<CommandResult> Process, CancellationTokenSource Kill, ToolInvocation Invocation, IReadOnlyList<BootstrapOutputPipe> Output)
    {
        /// <summary>Takes in every line the process has written so far, on both pipes.</summary>
        public void DrainOutput()
        {
            foreach (var pipe in Output)
                pipe.Drain();
        }
    }
}
