using Nuke.LambdaRust.Host;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Toolchain;

namespace Build;

/// <summary>
/// Executables the tests (and benchmarks) call directly, and the Debian packages that provide them; packages the
/// fixtures need without an executable; and the set-up that Test and Benchmark share.
/// </summary>
internal static class TestTools
{
    /// <summary>Crate sources and libraries the fixtures build from (tests/fixtures: reqwest with OpenSSL or rustls, cc and cmake crates).</summary>
    public static readonly IReadOnlyList<string> FixturePackages =
    [
        "librust-reqwest-dev",
        "libssl-dev",
        "librust-cc-dev",
        "librust-cmake-dev",
        "libc6-arm64-cross",
    ];

    public static readonly IReadOnlyDictionary<string, string> DebianPackages = new Dictionary<string, string>
    {
        ["unzip"] = "unzip",
        ["zipinfo"] = "unzip",
        ["readelf"] = "binutils",
        ["python3"] = "python3",
        ["aarch64-linux-gnu-as"] = "binutils-aarch64-linux-gnu",
        ["x86_64-linux-gnu-as"] = "binutils-x86-64-linux-gnu",
        ["pkg-config"] = "pkg-config",
        ["cmake"] = "cmake",
        ["git"] = "git",
        // Release's --sccache test: Debian's sccache (no Redis backend compiled in) and a Redis the test starts on loopback.
        ["sccache"] = "sccache",
        ["redis-server"] = "redis-server",
        // The benchmarks' baselines and their peak memory (GNU time, not the shell keyword).
        ["zip"] = "zip",
        ["time"] = "time",
    };

    /// <summary>Sets up zig, both Rust targets, qemu, the cross gcc and the packages above (installing what is missing).</summary>
    public static Task<ProvisioningResult> ProvisionAsync(TargetContext context, CancellationToken cancellationToken) =>
        ToolchainProvisioner.EnsureAsync(
            new ProvisioningRequest(LambdaArchitectures.All, LambdaCompiler.Zig, LambdaTargets.Pipeline(context).ToolsDirectory)
            {
                NeedsEmulator = true,
                NeedsCrossGcc = true,
                Executables = DebianPackages,
                DebianPackages = FixturePackages,
                FormerToolsDirectories = LambdaTargets.Pipeline(context).FormerToolsDirectories,
            },
            context.Logger, cancellationToken);
}
