using System.Collections.Concurrent;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Toolchain;

/// <summary>
/// Where <see cref="RustToolchainResolver"/> looks (an environment and the well-known system rustc paths) and what it
/// remembers for the life of the process: resolved toolchains, rustc probes, and which <c>rustup target add</c> it tried.
/// </summary>
internal sealed class RustToolchainSearch(EnvironmentView environment, IReadOnlyList<string> systemRustcPaths)
{
    /// <summary>Where distributions install rustc (Debian's rustc-web, a source build); PATH is searched as well.</summary>
    public static IReadOnlyList<string> DefaultSystemRustcPaths { get; } =
        OperatingSystem.IsWindows() ? [] : ["/usr/bin/rustc", "/usr/local/bin/rustc"];

    public EnvironmentView Environment { get; } = environment;

    public IReadOnlyList<string> SystemRustcPaths { get; } = systemRustcPaths;

    public ConcurrentDictionary<string, RustToolchain> Resolved { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, Task<RustcProbe>> Probes { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, bool> InstallAttempts { get; } = new(StringComparer.Ordinal);

    /// <summary>A cache key that changes whenever something that decides the answer changes.</summary>
    public string CacheKey(string triple, RustToolchainRequest request) => string.Join('\n',
        triple,
        request.ToString(),
        Directory.GetCurrentDirectory(), // rust-toolchain.toml overrides depend on it
        Environment.Get("RUSTC"),
        Environment.Get("RUSTUP_TOOLCHAIN"),
        Environment.Get("RUSTUP_HOME"),
        Environment.Get("CARGO_HOME"),
        Environment.Get("PATH"));
}
