using System.ComponentModel;
using System.Diagnostics;
using CliWrap;
using Microsoft.Extensions.Logging;

namespace Nuke.LambdaRust.Processes;

/// <summary>
/// Runs a <see cref="ToolInvocation"/> through CliWrap: logs the invocation, streams output line by line, ends the
/// whole process tree on cancellation (on Linux as a process group of its own, see <see cref="ChildProcesses"/>), and
/// turns a non-zero exit into <see cref="ProcessFailedException"/>.
/// </summary>
public static class ProcessRunner
{
    private const int ErrorTailLines = 25;

    /// <summary>Runs the process to its end.</summary>
    /// <param name="invocation">What to run.</param>
    /// <param name="logger">Receives the invocation and every output line (stdout lines only when <paramref name="onOutput"/> is null).</param>
    /// <param name="cancellationToken">Cancels the run; the process and everything it started are ended before this returns.</param>
    /// <param name="onOutput">Takes each standard output line instead of the log (for machine-readable output).</param>
    /// <param name="checkExitCode">Throw <see cref="ProcessFailedException"/> when the exit code is not 0.</param>
    /// <param name="fixOnFailure">The fix that a failure's message should suggest.</param>
    public static async Task<ToolResult> RunAsync(
        ToolInvocation invocation,
        ILogger logger,
        CancellationToken cancellationToken = default,
        Action<string>? onOutput = null,
        bool checkExitCode = true,
        string? fixOnFailure = null)
    {
        var workingDirectory = Path.GetFullPath(invocation.WorkingDirectory ?? Directory.GetCurrentDirectory());
        logger.LogInformation("> {CommandLine}", invocation.Render());
        logger.LogInformation("@ {WorkingDirectory}", workingDirectory);

        var stdout = new List<string>();
        var stderr = new List<string>();
        var (fileName, arguments) = LaunchCommand(invocation);
        var command = Cli.Wrap(fileName)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(invocation.Environment)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line =>
            {
                lock (stdout)
                    stdout.Add(line);
                if (onOutput is not null)
                    onOutput(line);
                else
                    logger.LogInformation("{Line}", invocation.Redact(line));
            }))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line =>
            {
                lock (stderr)
                    stderr.Add(line);
                logger.LogInformation("{Line}", invocation.Redact(line));
            }));

        cancellationToken.ThrowIfCancellationRequested();
        var stopwatch = Stopwatch.StartNew();
        var result = ChildProcesses.UsesOwnGroups
            ? await RunInOwnGroupAsync(command, invocation, cancellationToken).ConfigureAwait(false)
            : await RunAsTreeAsync(command, invocation, cancellationToken).ConfigureAwait(false);

        var toolResult = new ToolResult(result.ExitCode, stdout, stderr, stopwatch.Elapsed);
        if (checkExitCode && result.ExitCode != 0)
        {
            var tail = stderr.Skip(Math.Max(0, stderr.Count - ErrorTailLines)).Select(invocation.Redact).ToList();
            throw new ProcessFailedException(invocation, workingDirectory, result.ExitCode, tail, fixOnFailure);
        }

        return toolResult;
    }

    /// <summary>
    /// Runs the command as the leader of a process group of its own. Cancelling ends the whole group (SIGTERM and
    /// SIGCONT, then SIGKILL) and returns once none of it is left, so nothing of the tree outlives the run; so does a
    /// run that ends any other way before the tool exited (an output handler threw).
    /// </summary>
    private static async Task<CommandResult> RunInOwnGroupAsync(Command command, ToolInvocation invocation, CancellationToken cancellationToken)
    {
        // CliWrap's own cancellation only backs ours up: once the group is gone it stops waiting for output that a
        // process which left the group (a daemon that called setsid itself) may hold open.
        using var stopWaiting = new CancellationTokenSource();
        var group = ChildProcesses.Track();
        CommandTask<CommandResult> running;
        try
        {
            running = command.ExecuteAsync(stopWaiting.Token);
        }
        catch (Win32Exception exception)
        {
            ChildProcesses.Untrack(group);
            throw CannotStart(invocation, exception.Message, exception);
        }

        group.Started(running.ProcessId);
        if (group.EndRequested)
            ProcessGroup.End([group], TimeSpan.Zero); // this process is ending: the exit hook came before the pid
        Task? ending = null;
        var exited = false;
        try
        {
            CommandResult result;
            using (cancellationToken.Register(() => ending = Task.Run(() =>
                   {
                       ProcessGroup.End([group], ChildProcesses.CancelGrace);
                       stopWaiting.Cancel();
                   })))
            {
                try
                {
                    result = await running.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopWaiting.IsCancellationRequested)
                {
                    exited = true;
                    throw new OperationCanceledException(cancellationToken);
                }

                exited = true;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (group.ForwardedSignal is { } signal && result.ExitCode != 0)
            {
                // A host that does not cancel on signals: the tool ended because this process was told to end.
                ProcessGroup.End([group], ChildProcesses.CancelGrace);
                throw new OperationCanceledException($"'{Path.GetFileName(invocation.FileName)}' ended on {signal}, passed on from this process.");
            }

            return result;
        }
        finally
        {
            if (ending is not null)
                await ending.ConfigureAwait(false);
            else if (!exited)
                ProcessGroup.End([group], ChildProcesses.CancelGrace);
            ChildProcesses.Untrack(group);
        }
    }

    /// <summary>Without process groups: CliWrap's forceful cancellation kills the process tree it finds from the parent links.</summary>
    private static async Task<CommandResult> RunAsTreeAsync(Command command, ToolInvocation invocation, CancellationToken cancellationToken)
    {
        try
        {
            return await command.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception exception)
        {
            throw CannotStart(invocation, exception.Message, exception);
        }
    }

    /// <summary>
    /// The command to start: with process groups, <c>setsid</c> and the tool resolved here as .NET would resolve it
    /// (a path, else PATH), so that a missing tool is still our clear error rather than setsid's exit code 127.
    /// </summary>
    private static (string FileName, IReadOnlyList<string> Arguments) LaunchCommand(ToolInvocation invocation)
    {
        if (!ChildProcesses.UsesOwnGroups)
            return (invocation.FileName, invocation.Arguments);
        var executable = new EnvironmentView().FindExecutable(invocation.FileName);
        if (executable is null || !EnvironmentView.IsExecutableFile(executable))
        {
            var reason = EnvironmentView.LooksLikePath(invocation.FileName)
                ? File.Exists(invocation.FileName) ? "the file is not executable" : "no such file"
                : "not found on PATH";
            throw CannotStart(invocation, reason, null);
        }

        return ChildProcesses.InOwnSession(executable, invocation.Arguments);
    }

    private static LambdaRustException CannotStart(ToolInvocation invocation, string reason, Exception? inner) => new(
        $"Could not start '{invocation.FileName}': {reason}.",
        $"Install '{Path.GetFileName(invocation.FileName)}' or put it on PATH, or set its path explicitly in the settings.",
        inner);
}
