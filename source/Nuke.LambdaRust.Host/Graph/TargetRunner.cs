using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Nuke.LambdaRust.Host;

/// <summary>
/// Runs an <see cref="ExecutionPlan"/> in order. A failure stops the run, or with <c>continueOnFailure</c> only the
/// targets that require the failed one (they become NotRun). Cancellation aborts the running target and leaves the rest NotRun.
/// </summary>
internal sealed class TargetRunner(
    TextWriter output,
    ConsoleBuildLogger logger,
    Func<TargetDefinition, TargetContext> createContext,
    bool continueOnFailure)
{
    private const int NoteLength = 80;

    public async Task<IReadOnlyList<TargetResult>> RunAsync(ExecutionPlan plan, CancellationToken cancellationToken)
    {
        var results = new Dictionary<TargetDefinition, TargetResult>(ReferenceEqualityComparer.Instance);
        string? stoppedBy = null;

        foreach (var planned in plan.Targets)
        {
            var blocker = planned.Requires.FirstOrDefault(r => results[r].Status is TargetStatus.Failed or TargetStatus.NotRun or TargetStatus.Aborted);
            results[planned.Definition] = cancellationToken.IsCancellationRequested ? new TargetResult(planned.Name, TargetStatus.NotRun, null, "cancelled")
                : blocker is not null ? new TargetResult(planned.Name, TargetStatus.NotRun, null, $"requires {blocker.Name} ({results[blocker].Status})")
                : stoppedBy is not null ? new TargetResult(planned.Name, TargetStatus.NotRun, null, $"build stopped after {stoppedBy} failed")
                : planned.SkipReason is not null ? new TargetResult(planned.Name, TargetStatus.Skipped, null, planned.SkipReason)
                : await RunTargetAsync(planned.Definition, cancellationToken).ConfigureAwait(false);

            if (results[planned.Definition].Status == TargetStatus.Failed && !continueOnFailure)
                stoppedBy ??= planned.Name;
        }

        return plan.Targets.Select(t => results[t.Definition]).ToList();
    }

    private async Task<TargetResult> RunTargetAsync(TargetDefinition target, CancellationToken cancellationToken)
    {
        var context = createContext(target);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            if (target.Condition is not null && !target.Condition(context))
            {
                var reason = $"condition false: {target.ConditionDescription ?? "OnlyWhen"}";
                logger.LogDebug("Skipping {Target}: {Reason}", target.Name, reason);
                return new TargetResult(target.Name, TargetStatus.Skipped, null, reason);
            }

            WriteHeader(target.Name);
            if (target.Action is not null)
                await target.Action(context, cancellationToken).ConfigureAwait(false);
            return new TargetResult(target.Name, TargetStatus.Succeeded, stopwatch.Elapsed, context.Notes);
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested)
        {
            // Whatever the action threw once cancellation was requested (OperationCanceledException, or a killed
            // process's failure) is the cancellation showing, not a failure of the target.
            logger.LogWarning("Target {Target} was cancelled.", target.Name);
            logger.LogDebug(exception, "{Type} while cancelling", exception.GetType().Name);
            return new TargetResult(target.Name, TargetStatus.Aborted, stopwatch.Elapsed, context.Notes ?? "cancelled");
        }
        catch (Exception exception)
        {
            var message = exception is LambdaRustException ? exception.Message : $"{exception.GetType().FullName}: {exception.Message}";
            logger.LogError(exception, "{Message}", message);
            return new TargetResult(target.Name, TargetStatus.Failed, stopwatch.Elapsed, context.Notes ?? FirstLine(exception.Message));
        }
    }

    private void WriteHeader(string name)
    {
        if (logger.Verbosity < BuildVerbosity.Normal)
            return;
        lock (output)
        {
            output.WriteLine();
            output.WriteLine(new string('═', Math.Max(40, name.Length + 4)));
            output.WriteLine(name);
            output.WriteLine(new string('─', Math.Max(40, name.Length + 4)));
            output.Flush();
        }
    }

    private static string FirstLine(string text)
    {
        var line = text.ReplaceLineEndings("\n").Split('\n')[0];
        return line.Length <= NoteLength ? line : line[..(NoteLength - 1)] + "…";
    }
}
