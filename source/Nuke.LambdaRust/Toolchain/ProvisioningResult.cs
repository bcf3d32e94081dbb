using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Toolchain;

/// <summary>The tools a build can use after provisioning, and what provisioning did to get them.</summary>
/// <param name="Zig">zig, when the compiler needs it.</param>
/// <param name="Toolchains">The Rust toolchain for each architecture (none for cross, whose toolchain lives in the container).</param>
/// <param name="Actions">Each install action taken, in order (empty when everything was present).</param>
public sealed record ProvisioningResult(
    ZigInstallation? Zig,
    IReadOnlyDictionary<LambdaArchitecture, RustToolchain> Toolchains,
    IReadOnlyList<string> Actions);
