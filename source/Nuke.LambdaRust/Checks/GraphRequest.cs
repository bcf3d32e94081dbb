namespace Nuke.LambdaRust.Checks;

/// <summary>What one <c>cargo metadata</c> resolution is for: the manifest, the target triple and the build's features and flags.</summary>
internal sealed record GraphRequest(
    string ManifestPath,
    string Triple,
    IReadOnlyList<string> Features,
    bool AllFeatures,
    bool NoDefaultFeatures,
    bool Locked,
    bool Frozen,
    bool Offline,
    IReadOnlyList<string> Config,
    IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>Text that is equal exactly when two requests resolve the same graph.</summary>
    public string Key => string.Join('\u001f', ManifestPath, Triple, string.Join(',', Features), AllFeatures, NoDefaultFeatures, Locked, Frozen, Offline,
        string.Join('\u001e', Config), string.Join('\u001e', Environment.Select(e => e.Key + "=" + e.Value)));

    /// <summary>The arguments after <c>cargo</c>: <c>metadata --format-version 1 --filter-platform &lt;triple&gt; ...</c>, as the build passes features.</summary>
    public IReadOnlyList<string> Arguments()
    {
        var arguments = new List<string> { "metadata", "--format-version", "1", "--filter-platform", Triple, "--manifest-path", ManifestPath };
        if (Features.Count > 0)
            arguments.AddRange(["--features", string.Join(',', Features)]);
        if (AllFeatures)
            arguments.Add("--all-features");
        if (NoDefaultFeatures)
            arguments.Add("--no-default-features");
        if (Locked)
            arguments.Add("--locked");
        if (Frozen)
            arguments.Add("--frozen");
        if (Offline)
            arguments.Add("--offline");
        foreach (var value in Config)
            arguments.AddRange(["--config", value]);
        return arguments;
    }
}
