namespace Nuke.LambdaRust.Checks;

/// <summary>How bad a finding is: an error fails its step (unless its rule is allowed), a warning is reported only.</summary>
public enum FindingSeverity
{
    /// <summary>Worth knowing; the step goes on.</summary>
    Warning,

    /// <summary>The function would not build or not run on Lambda; the step fails.</summary>
    Error,
}
