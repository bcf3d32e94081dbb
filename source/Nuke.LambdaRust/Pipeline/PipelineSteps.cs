namespace Nuke.LambdaRust.Pipeline;

/// <summary>The steps of a <see cref="LambdaPipeline"/>; an adapter says which of them a run will take, so that what a later step needs is checked before the long compile.</summary>
[Flags]
public enum PipelineSteps
{
    /// <summary>No step.</summary>
    None = 0,

    /// <summary>Finds and installs tools.</summary>
    Setup = 1,

    /// <summary>Compiles the functions.</summary>
    Compile = 2,

    /// <summary>Writes the packages.</summary>
    Package = 4,

    /// <summary>Deletes what earlier runs wrote.</summary>
    Clean = 8,

    /// <summary>Invokes the packaged function locally.</summary>
    Invoke = 16,

    /// <summary>Checks the dependency graph for known traps before compiling.</summary>
    Doctor = 32,

    /// <summary>Checks the packages as Lambda will see them.</summary>
    Verify = 64,

    /// <summary>Builds, checks and writes a release of every function and architecture.</summary>
    Release = 128,

    /// <summary>Every step.</summary>
    All = Setup | Compile | Package | Clean | Invoke | Doctor | Verify | Release,
}
