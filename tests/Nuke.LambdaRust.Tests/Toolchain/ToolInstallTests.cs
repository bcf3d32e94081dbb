using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Processes;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Toolchain;

namespace Nuke.LambdaRust.Tests.Toolchain;

/// <summary>
/// Installing a tool once however many Setups try at the same time. The installer here is a real process writing a
/// small folder slowly (the real zig install is the npm one, tested from two real hosts in SharedToolCacheTests).
/// </summary>
public sealed class ToolInstallTests
{
    [Fact]
    public async Task Two_installs_at_once_install_once_and_the_second_finds_the_first_ones_tool()
    {
        using var tools = new TestDirectory();
        var tool = tools["zig"];
        var installs = 0;

        async Task<bool> InstallAsync() => await ToolInstall.OnceAsync(tool, () => File.Exists(Path.Combine(tool, "bin", "zig")), async staging =>
        {
            Interlocked.Increment(ref installs);
            await TestTools.RunAsync("sh", "-c", "mkdir -p \"$1/bin\" && sleep 0.5 && echo zig > \"$1/bin/zig\"", "sh", staging);
        }, NullLogger.Instance, CancellationToken.None);

        var results = await Task.WhenAll(Task.Run(InstallAsync), Task.Run(InstallAsync));

        Assert.Equal(1, installs);
        Assert.Equal([false, true], results.Order());
        Assert.Equal("zig", File.ReadAllText(Path.Combine(tool, "bin", "zig")).Trim());
        Assert.Empty(Directory.EnumerateDirectories(tools.Path, "zig.partial-*"));
    }

    [Fact]
    public async Task A_failed_install_leaves_no_tool_folder_and_the_next_one_installs_from_scratch()
    {
        using var tools = new TestDirectory();
        var tool = tools["zig"];

        await Assert.ThrowsAsync<ProcessFailedException>(() => ToolInstall.OnceAsync(tool, () => false,
            staging => TestTools.RunAsync("sh", "-c", "mkdir -p \"$1/bin\" && echo half > \"$1/bin/zig\" && exit 3", "sh", staging),
            NullLogger.Instance, CancellationToken.None));
        Assert.False(Directory.Exists(tool));
        Assert.Empty(Directory.EnumerateDirectories(tools.Path, "zig.partial-*"));

        Directory.CreateDirectory(Path.Combine(tool, "bin")); // a half tool that an older, in-place install left
        Assert.True(await ToolInstall.OnceAsync(tool, () => File.Exists(Path.Combine(tool, "bin", "zig")),
            staging => TestTools.RunAsync("sh", "-c", "mkdir -p \"$1/bin\" && echo whole > \"$1/bin/zig\"", "sh", staging),
            NullLogger.Instance, CancellationToken.None));
        Assert.Equal("whole", File.ReadAllText(Path.Combine(tool, "bin", "zig")).Trim());
    }
}
