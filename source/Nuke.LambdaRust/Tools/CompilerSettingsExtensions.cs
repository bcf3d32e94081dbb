using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Tools;

/// <summary>Fluent setters of the compiler-specific settings.</summary>
public static class CompilerSettingsExtensions
{
    /// <summary>Uses this zig executable.</summary>
    public static ZigBuildSettings SetZigPath(this ZigBuildSettings s, string? path) => s with { ZigPath = path };

    /// <summary>Keeps the linker wrapper scripts in this folder.</summary>
    public static ZigBuildSettings SetWrapperDirectory(this ZigBuildSettings s, string? directory) => s with { WrapperDirectory = directory };

    /// <summary>Links this architecture with this linker.</summary>
    public static CargoBuildSettings SetLinker(this CargoBuildSettings s, LambdaArchitecture architecture, string linker) =>
        s with { Linkers = new Dictionary<LambdaArchitecture, string>(s.Linkers) { [architecture] = linker } };

    /// <summary>Forgets the configured linkers.</summary>
    public static CargoBuildSettings ClearLinkers(this CargoBuildSettings s) => s with { Linkers = new Dictionary<LambdaArchitecture, string>() };

    /// <summary>Uses this cross executable.</summary>
    public static CrossBuildSettings SetCrossPath(this CrossBuildSettings s, string? path) => s with { CrossPath = path };

    /// <summary>Uses this container engine (<c>docker</c>, <c>podman</c> or a path).</summary>
    public static CrossBuildSettings SetContainerEngine(this CrossBuildSettings s, string? engine) => s with { ContainerEngine = engine };

    /// <summary>Builds in this image for every target.</summary>
    public static CrossBuildSettings SetImage(this CrossBuildSettings s, string? image) => s with { Image = image };
}
