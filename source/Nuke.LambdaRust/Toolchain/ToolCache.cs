using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Toolchain;

/// <summary>
/// The per-user folder where Setup keeps the tools it installs itself (zig), shared by every build root on the machine,
/// so a second repository does not download them again: <c>LAMBDA_RUST_CACHE</c> when set; else the platform's
/// cache folder — <c>$XDG_CACHE_HOME/nuke-lambdarust</c> or <c>~/.cache/nuke-lambdarust</c> on Linux,
/// <c>~/Library/Caches/nuke-lambdarust</c> on macOS, <c>%LOCALAPPDATA%\nuke-lambdarust</c> on Windows. The tools go
/// to its <c>tools</c> folder.
/// </summary>
public static class ToolCache
{
    /// <summary>The environment variable that moves the cache.</summary>
    public const string EnvironmentVariable = "LAMBDA_RUST_CACHE";

    private const string FolderName = "nuke-lambdarust";

    /// <summary>The tools folder of the cache this environment names.</summary>
    /// <param name="environment">Variables on top of this process's environment; the process environment when null.</param>
    public static string ToolsDirectory(IReadOnlyDictionary<string, string?>? environment = null) =>
        Path.Combine(Directory(new EnvironmentView(environment), CurrentPlatform), "tools");

    /// <summary>The platform whose cache rules apply.</summary>
    internal enum Platform
    {
        Linux,
        MacOS,
        Windows,
    }

    private static Platform CurrentPlatform =>
        OperatingSystem.IsWindows() ? Platform.Windows : OperatingSystem.IsMacOS() ? Platform.MacOS : Platform.Linux;

    /// <summary>The cache folder by <paramref name="platform"/>'s rules (passed in, so each platform's rule is testable anywhere).</summary>
    internal static string Directory(EnvironmentView environment, Platform platform)
    {
        if (environment.GetNonEmpty(EnvironmentVariable) is { } explicitDirectory)
            return Path.GetFullPath(explicitDirectory);

        var home = environment.Home;
        var cache = platform switch
        {
            Platform.Windows => environment.GetNonEmpty("LOCALAPPDATA") ?? (home is null ? null : Path.Combine(home, "AppData", "Local")),
            Platform.MacOS => home is null ? null : Path.Combine(home, "Library", "Caches"),
            // XDG: a relative XDG_CACHE_HOME is invalid and must be ignored.
            _ => environment.GetNonEmpty("XDG_CACHE_HOME") is { } xdg && Path.IsPathRooted(xdg) ? xdg : home is null ? null : Path.Combine(home, ".cache"),
        };
        return Path.Combine(cache ?? Path.GetTempPath(), FolderName);
    }
}
