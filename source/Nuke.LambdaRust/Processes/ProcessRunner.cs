using System.ComponentModel;
using System.Diagnostics;
using CliWrap;
using Microsoft.Extensions.Logging;

namespace Nuke.LambdaRust.Processes;

/// <summary>
/// Runs a <see cref="ToolInvocation"/> through CliWrap: logs the invocation, streams output line by line,
/// kills the whole process tree on cancellation, and turns a non-zero exit into <see cref="ProcessFailedException"/>.
/// </summary>
public static class ProcessRunner
{
    private const int ErrorTailLines = 25;

    /// <summary>Runs the process to its end.</summary>
    /// <param name="invocation">What to run.</param>
    /// <param name="logger">Receives the invocation and every output line (stdout lines only when <paramref name="onOutput"/> is null).</param>
    /// <param name="cancellationToken">Cancels the run; the process and its children are killed.</param>
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
        var command = Cli.Wrap(invocation.FileName)
            .WithArguments(invocation.Arguments)
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

        var stopwatch = Stopwatch.StartNew();
        CommandResult result;
        try
        {
            // CliWrap's forceful cancellation kills the entire process tree, so cargo's rustc children die with it.
            result = await command.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception exception)
        {
            throw new LambdaRustException(
                $"Could not start '{invocation.FileName}': {exception.Message}.",
                $"Install '{Path.GetFileName(invocation.FileName)}' or put it on PATH, or set its path explicitly in the settings.",
                exception);
        }

        var toolResult = new ToolResult(result.ExitCode, stdout, stderr, stopwatch.Elapsed);
        if (checkExitCode && result.ExitCode != 0)
        {
            var tail = stderr.Skip(Math.Max(0, stderr.Count - ErrorTailLines)).Select(invocation.Redact).ToList();
            throw new ProcessFailedException(invocation, workingDirectory, result.ExitCode, tail, fixOnFailure);
        }

        return toolResult;
    }
}
