using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Tools;

/// <summary>Settings for <see cref="LambdaRustTasks.CrossBuild(Func{CrossBuildSettings, CrossBuildSettings})"/>: <c>cross build</c> in a container.</summary>
public sealed record CrossBuildSettings : LambdaBuildSettings
{
    /// <inheritdoc />
    public override LambdaCompiler Compiler => LambdaCompiler.Cross;

    /// <summary>The <c>cross</c> executable; PATH when null.</summary>
    public string? CrossPath { get; init; }

    /// <summary>The container engine (<c>docker</c> or <c>podman</c>, or a path); <c>CROSS_CONTAINER_ENGINE</c>, then PATH when null.</summary>
    public string? ContainerEngine { get; init; }

    /// <summary>The image for every target, instead of cargo-lambda's default <c>ghcr.io/cross-rs/&lt;triple&gt;:0.2.5</c>.</summary>
    public string? Image { get; init; }
}
