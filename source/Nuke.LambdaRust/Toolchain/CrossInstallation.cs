namespace Nuke.LambdaRust.Toolchain;

/// <summary>cross and the container engine it will run, both found and checked.</summary>
/// <param name="CrossPath">The full path of the cross executable.</param>
/// <param name="ContainerEngine">The full path of a container engine (docker or podman) that answered <c>info</c>.</param>
internal sealed record CrossInstallation(string CrossPath, string ContainerEngine);
