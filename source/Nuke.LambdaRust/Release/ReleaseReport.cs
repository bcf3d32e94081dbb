namespace Nuke.LambdaRust.Release;

/// <summary>What a release wrote, and how much of it was new.</summary>
/// <param name="Directory">The release folder.</param>
/// <param name="Manifest">Its manifest.</param>
/// <param name="Rebuilt">Artifacts whose binary changed (or that the previous release did not have): zipped anew.</param>
/// <param name="Repackaged">Artifacts whose binary did not change but whose zip was written again (included files, or the previous zip was gone or changed).</param>
/// <param name="Unchanged">Artifacts taken over from the previous release as they were.</param>
/// <param name="Changes">For <c>--changed-since</c>: every function, in or out, and why; empty otherwise.</param>
/// <param name="Sccache">sccache's hits and misses in this build; null without sccache.</param>
public sealed record ReleaseReport(
    string Directory,
    ReleaseManifest Manifest,
    int Rebuilt,
    int Repackaged,
    int Unchanged,
    IReadOnlyList<FunctionChange> Changes,
    SccacheStats? Sccache)
{
    /// <summary><c>10 artifacts in artifacts/release: 2 rebuilt, 0 repackaged, 8 unchanged; sccache 3 hits, 1 misses</c>.</summary>
    public string Summary =>
        $"{Manifest.Artifacts.Count} artifacts in {Directory}: {Rebuilt} rebuilt, {Repackaged} repackaged, {Unchanged} unchanged"
        + (Sccache is { } stats ? $"; sccache {stats.Hits} hits, {stats.Misses} misses" : "");
}
