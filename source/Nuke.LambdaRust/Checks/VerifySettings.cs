using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Packaging;

namespace Nuke.LambdaRust.Checks;

/// <summary>Settings for <see cref="LambdaRustTasks.Verify(Func{VerifySettings, VerifySettings})"/>: the packages to check and against which runtime.</summary>
public sealed record VerifySettings
{
    /// <summary>The packages to check: what Package returned.</summary>
    public IReadOnlyList<LambdaPackage> Packages { get; init; } = [];

    /// <summary>The runtime they must run on; when null, the one whose glibc each binary was built for, else provided.al2023.</summary>
    public LambdaRuntime? Runtime { get; init; }

    /// <summary>Rule ids reported but not failing.</summary>
    public IReadOnlyList<string> AllowedRules { get; init; } = [];

    /// <summary>The Doctor's report of the same build, to name the crate (and its path) behind a missing library.</summary>
    public DoctorReport? Doctor { get; init; }

    /// <summary>Where output goes; <see cref="LambdaRustTasks.Logger"/> through the tasks, nowhere when null.</summary>
    public ILogger? Logger { get; init; }
}
