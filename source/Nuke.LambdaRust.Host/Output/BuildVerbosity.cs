namespace Nuke.LambdaRust.Host;

/// <summary>How much the build prints (<c>--verbosity</c>), as in NUKE.</summary>
public enum BuildVerbosity
{
    /// <summary>Errors and the final result line only.</summary>
    Quiet,

    /// <summary>Also warnings and the summary table.</summary>
    Minimal,

    /// <summary>Also target headers and information lines (the default).</summary>
    Normal,

    /// <summary>Also debug lines, parameter values and stack traces.</summary>
    Verbose,
}
