using System.Runtime.InteropServices;
using Nuke.LambdaRust.Toolchain;

namespace Nuke.LambdaRust.Tools;

/// <summary>The settings' toolchain request, resolved for one build group.</summary>
internal static class RustToolchains
{
    public static Task<RustToolchain> ResolveAsync(BuildContext context, BuildGroup group, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var request = new RustToolchainRequest(settings.Toolchain, settings.CargoPath, settings.RustcPath);
        return RustToolchainResolver.ResolveAsync(group.Target, request, context.Logger, cancellationToken);
    }

    /// <summary>The Rust triple of this machine (for the host == target case of the zig linker).</summary>
    public static string HostTriple => (RuntimeInformation.OSArchitecture, OperatingSystem.IsLinux(), OperatingSystem.IsMacOS()) switch
    {
        (Architecture.X64, true, _) => "x86_64-unknown-linux-gnu",
        (Architecture.Arm64, true, _) => "aarch64-unknown-linux-gnu",
        (Architecture.X64, _, true) => "x86_64-apple-darwin",
        (Architecture.Arm64, _, true) => "aarch64-apple-darwin",
        (Architecture.Arm64, _, _) => "aarch64-pc-windows-msvc",
        _ => "x86_64-pc-windows-msvc",
    };
}
