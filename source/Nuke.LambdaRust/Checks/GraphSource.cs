namespace Nuke.LambdaRust.Checks;

/// <summary>Where the Doctor's dependency graph came from.</summary>
public enum GraphSource
{
    /// <summary><c>cargo metadata</c> resolved it for the target triple and the build's features: exact.</summary>
    CargoMetadata,

    /// <summary>cargo could not resolve (offline, sources missing): Cargo.lock plus the manifests, without platform or feature filtering.</summary>
    CargoLock,

    /// <summary>No Cargo.lock either: only the workspace's own manifests, so only its direct dependencies are known.</summary>
    Manifests,
}
