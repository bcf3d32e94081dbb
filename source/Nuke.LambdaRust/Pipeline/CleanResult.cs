namespace Nuke.LambdaRust.Pipeline;

/// <summary>What Clean deleted, and what it left because this tool did not write it.</summary>
/// <param name="Deleted">The files and folders deleted.</param>
/// <param name="LeftAlone">Files in our folders that we did not write (or that changed since), kept.</param>
public sealed record CleanResult(IReadOnlyList<string> Deleted, IReadOnlyList<string> LeftAlone) : IStepResult
{
    /// <inheritdoc />
    public string Summary => Deleted.Count == 0 && LeftAlone.Count == 0 ? "nothing to delete"
        : LeftAlone.Count == 0 ? $"{Deleted.Count} deleted"
        : $"{Deleted.Count} deleted, {LeftAlone.Count} left (not written by this tool)";
}
