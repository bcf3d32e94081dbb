namespace Nuke.LambdaRust.Checks;

/// <summary>One crate of a resolved dependency graph, with what the Doctor's rules look at.</summary>
/// <param name="Id">Its id in the graph (cargo's package id, or <c>name version</c> from Cargo.lock).</param>
/// <param name="Name">The package name.</param>
/// <param name="Version">The package version.</param>
public sealed record CrateNode(string Id, string Name, string Version)
{
    /// <summary>Its <c>links = "..."</c> key: the native library its build script links; null when it has none or it is unknown.</summary>
    public string? Links { get; init; }

    /// <summary>Its <c>rust-version</c>: the oldest rustc it builds with; null when unset or unknown.</summary>
    public string? RustVersion { get; init; }

    /// <summary>Its enabled features (with a Cargo.lock fallback: those the workspace's manifests ask for).</summary>
    public IReadOnlySet<string> Features { get; init; } = new HashSet<string>();

    /// <summary>Its normal dependencies for the target (what is linked into the binary), in the order cargo lists them.</summary>
    public IReadOnlyList<CrateEdge> Dependencies { get; init; } = [];

    /// <summary>The names of its build dependencies (<c>cc</c>, <c>cmake</c>, <c>pkg-config</c>, <c>bindgen</c> ...): what its build script uses.</summary>
    public IReadOnlySet<string> BuildDependencies { get; init; } = new HashSet<string>();

    /// <summary>A proc-macro crate runs in the compiler on the build machine: nothing of it is linked into the binary.</summary>
    public bool IsProcMacro { get; init; }

    /// <summary>A member of the workspace.</summary>
    public bool IsWorkspaceMember { get; init; }

    /// <summary><c>name version</c>.</summary>
    public string Label => $"{Name} {Version}";

    /// <summary>True when its build script compiles C for the target (it build-depends on <c>cc</c> or <c>cmake</c>).</summary>
    public bool CompilesC => BuildDependencies.Contains("cc") || BuildDependencies.Contains("cmake");

    /// <summary>True when a build feature asks for the native library to be built from source and linked statically.</summary>
    public bool BuildsNativeLibraryItself => Features.Overlaps(StaticFeatures);

    private static readonly HashSet<string> StaticFeatures = ["vendored", "bundled", "static", "vendored-openssl"];
}
