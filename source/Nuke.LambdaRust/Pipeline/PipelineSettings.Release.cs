namespace Nuke.LambdaRust.Pipeline;

public sealed partial record PipelineSettings
{
    /// <summary>Release: the release folder (relative to <see cref="RootDirectory"/>); <c>artifacts/release</c> when null.</summary>
    public string? ReleaseOutput { get; init; }

    /// <summary>Release and Matrix: only the functions a change since this git ref reaches; all when null.</summary>
    public string? ChangedSince { get; init; }

    /// <summary>Release: combine these Release outputs into <see cref="ReleaseOutput"/> instead of building.</summary>
    public IReadOnlyList<string> MergeDirectories { get; init; } = [];

    /// <summary>Release: invoke every artifact with this JSON file before the manifest is written.</summary>
    public string? SmokeEvent { get; init; }

    /// <summary>Release: run cargo through sccache.</summary>
    public bool Sccache { get; init; }

    /// <summary>Matrix: the GitHub Actions step output file to append <c>matrix=</c> and <c>count=</c> to.</summary>
    public string? GithubOutput { get; init; }

    private PipelineSettings WithReleaseParameters(IParameterReader parameters) => this with
    {
        ReleaseOutput = parameters.Get(LambdaParameters.Output),
        ChangedSince = parameters.Get(LambdaParameters.ChangedSince),
        MergeDirectories = parameters.GetList(LambdaParameters.Merge),
        SmokeEvent = parameters.Get(LambdaParameters.SmokeEvent),
        Sccache = Boolean(parameters, LambdaParameters.Sccache),
        GithubOutput = parameters.Get(LambdaParameters.GithubOutput),
    };
}
