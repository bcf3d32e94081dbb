namespace Nuke.LambdaRust.Host;

/// <summary>How a planned target ended, as NUKE names it.</summary>
internal enum TargetStatus
{
    Succeeded,
    Failed,
    Skipped,
    NotRun,
    Aborted,
}
