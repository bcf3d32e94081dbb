namespace Nuke.LambdaRust.Pipeline;

/// <summary>What a pipeline step returns: typed results, plus one short line for an engine's summary.</summary>
public interface IStepResult
{
    /// <summary>A short note for the end-of-build summary, e.g. <c>3 zips, 1.2 MB</c>.</summary>
    string Summary { get; }
}
