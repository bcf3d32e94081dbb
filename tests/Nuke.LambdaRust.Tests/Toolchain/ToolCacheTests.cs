using Nuke.LambdaRust.Processes;
using Nuke.LambdaRust.Toolchain;

namespace Nuke.LambdaRust.Tests.Toolchain;

/// <summary>Where the per-user tools cache is, by each platform's rule (the platform is passed in, so this runs anywhere).</summary>
public sealed class ToolCacheTests
{
    private static readonly string Home = Path.GetFullPath("/home/someone");

    [Fact]
    public void On_Linux_it_is_nuke_lambdarust_in_XDG_CACHE_HOME()
    {
        Assert.Equal(Path.Combine("/var/cache/someone", "nuke-lambdarust"),
            ToolCache.Directory(View(("XDG_CACHE_HOME", "/var/cache/someone")), ToolCache.Platform.Linux));
    }

    [Fact]
    public void On_Linux_without_XDG_CACHE_HOME_or_with_a_relative_one_it_is_in_the_home_cache_folder()
    {
        Assert.Equal(Path.Combine(Home, ".cache", "nuke-lambdarust"), ToolCache.Directory(View(), ToolCache.Platform.Linux));
        Assert.Equal(Path.Combine(Home, ".cache", "nuke-lambdarust"), ToolCache.Directory(View(("XDG_CACHE_HOME", "relative/cache")), ToolCache.Platform.Linux));
    }

    [Fact]
    public void On_macOS_it_is_in_Library_Caches()
    {
        Assert.Equal(Path.Combine(Home, "Library", "Caches", "nuke-lambdarust"),
            ToolCache.Directory(View(("XDG_CACHE_HOME", "/ignored/on/macos")), ToolCache.Platform.MacOS));
    }

    [Fact]
    public void On_Windows_it_is_in_LOCALAPPDATA()
    {
        var local = Path.GetFullPath("/Users/someone/AppData/Local");
        Assert.Equal(Path.Combine(local, "nuke-lambdarust"), ToolCache.Directory(View(("LOCALAPPDATA", local)), ToolCache.Platform.Windows));
    }

    [Fact]
    public void LAMBDA_RUST_CACHE_moves_it_on_every_platform()
    {
        foreach (var platform in Enum.GetValues<ToolCache.Platform>())
            Assert.Equal(Path.GetFullPath("/srv/shared-cache"), ToolCache.Directory(View(("LAMBDA_RUST_CACHE", "/srv/shared-cache")), platform));
    }

    [Fact]
    public void The_tools_go_to_its_tools_folder()
    {
        Assert.Equal(Path.Combine(Path.GetFullPath("/srv/shared-cache"), "tools"),
            ToolCache.ToolsDirectory(new Dictionary<string, string?> { ["LAMBDA_RUST_CACHE"] = "/srv/shared-cache" }));
    }

    /// <summary>Only the given variables (and HOME) count; the rest of this process's environment is hidden.</summary>
    private static EnvironmentView View(params (string Name, string Value)[] variables)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["LAMBDA_RUST_CACHE"] = null, ["XDG_CACHE_HOME"] = null, ["LOCALAPPDATA"] = null,
            [OperatingSystem.IsWindows() ? "USERPROFILE" : "HOME"] = Home,
        };
        foreach (var (name, value) in variables)
            overrides[name] = value;
        return new EnvironmentView(overrides);
    }
}
