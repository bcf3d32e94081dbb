namespace Nuke.LambdaRust.Pipeline;

/// <summary>What Clean deleted.</summary>
/// <param name="Deleted">The files and folders deleted.</param>
public sealed record CleanResult(IReadOnlyList<string> Deleted) : IStepResult
{
    /// <inheritdoc />
    public string Summary => Deleted.Count == 0 ? "nothing to delete" : $"{Deleted.Count} folders deleted";
}
