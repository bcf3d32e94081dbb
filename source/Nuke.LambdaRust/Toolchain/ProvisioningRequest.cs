using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Toolchain;

/// <summary>What a build is about to need from this machine.</summary>
/// <param name="Architectures">The architectures to build.</param>
/// <param name="Compiler">The compiler strategy.</param>
/// <param name="ToolsDirectory">Where tools we install ourselves go (zig): the per-user <see cref="ToolCache"/>, or a folder of the caller's.</param>
public sealed record ProvisioningRequest(IReadOnlyList<LambdaArchitecture> Architectures, LambdaCompiler Compiler, string ToolsDirectory)
{
    /// <summary>Also make foreign-architecture binaries runnable here (qemu-user), for invoking or testing them.</summary>
    public bool NeedsEmulator { get; init; }

    /// <summary>Also provide the Debian cross gcc for each foreign architecture (plain cargo needs it; tests may too).</summary>
    public bool NeedsCrossGcc { get; init; }

    /// <summary>Other executables that must be on PATH, each with the Debian package that provides it.</summary>
    public IReadOnlyDictionary<string, string> Executables { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Debian packages that must be installed though they bring no executable (crate sources such as
    /// <c>librust-reqwest-dev</c>, <c>libssl-dev</c>); checked with <c>dpkg-query</c>, installed with the others. Ignored
    /// off Debian/Ubuntu.
    /// </summary>
    public IReadOnlyList<string> DebianPackages { get; init; } = [];

    /// <summary>Explicit zig path (a setting); provisioning then only checks it.</summary>
    public string? ZigPath { get; init; }

    /// <summary>The cross executable (a path or a name on PATH) for <see cref="LambdaCompiler.Cross"/>; <c>cross</c> on PATH when null.</summary>
    public string? CrossPath { get; init; }

    /// <summary>The container engine cross should use; <c>CROSS_CONTAINER_ENGINE</c>, else docker, else podman when null.</summary>
    public string? ContainerEngine { get; init; }

    /// <summary>
    /// Folders where earlier versions installed tools (a root's <c>.nuke/temp/tools</c>): a zig found there is used,
    /// nothing is installed there.
    /// </summary>
    public IReadOnlyList<string> FormerToolsDirectories { get; init; } = [];

    /// <summary>Install what is missing (true) or only report it (false).</summary>
    public bool Install { get; init; } = true;
}
