using System.Runtime.InteropServices;

namespace Nuke.LambdaRust.Toolchain;

/// <summary>Detection of the <see cref="HostPlatform"/> and the Rust host triple of the running process.</summary>
public static class HostPlatforms
{
    /// <summary>The platform this process runs on (other Unix systems count as <see cref="HostPlatform.Linux"/>: they run the same scripts).</summary>
    public static HostPlatform Current =>
        OperatingSystem.IsWindows() ? HostPlatform.Windows :
        OperatingSystem.IsMacOS() ? HostPlatform.MacOS :
        HostPlatform.Linux;

    /// <summary>
    /// The Rust triple of this machine (<c>x86_64-unknown-linux-gnu</c>), from the runtime rather than a process:
    /// it is what <c>rustc -vV</c> reports as <c>host:</c> on the platforms Lambda builds run on.
    /// </summary>
    internal static string HostTriple()
    {
        var architecture = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "x86_64",
            Architecture.Arm64 => "aarch64",
            Architecture.X86 => "i686",
            Architecture.Arm => "armv7",
            var other => other.ToString().ToLowerInvariant(),
        };

        if (OperatingSystem.IsWindows())
            return $"{architecture}-pc-windows-msvc";
        if (OperatingSystem.IsMacOS())
            return $"{architecture}-apple-darwin";

        // .NET reports "linux-musl-x64" on musl distributions such as Alpine.
        var libc = RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.OrdinalIgnoreCase) ? "musl" : "gnu";
        var abi = architecture == "armv7" ? libc + "eabihf" : libc;
        return $"{architecture}-unknown-linux-{abi}";
    }
}
