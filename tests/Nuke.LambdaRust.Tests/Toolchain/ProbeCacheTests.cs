using Nuke.LambdaRust.Processes;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Toolchain;

namespace Nuke.LambdaRust.Tests.Toolchain;

/// <summary>
/// Probe answers kept in probes.json against the binary's path, size and modification time: a warm build does not start
/// an unchanged rustc or zig again; anything that could change the answer makes it ask again.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProbeCacheTests : IDisposable
{
    private readonly TestDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string CacheFile => _temp["cache/probes.json"];

    private string Runs => _temp["runs.log"];

    /// <summary>A rustc stand-in that logs each start, then answers -V and --print sysroot (or fails while a flag file exists).</summary>
    private string Rustc(string folder, string version) => TestTools.WriteExecutable(_temp[$"{folder}/rustc"], $"""
        #!/bin/sh
        echo "$*" >> '{Runs}'
        if [ -e '{_temp["fail"]}' ]; then echo broken >&2; exit 1; fi
        if [ "$1" = "-V" ]; then echo 'rustc {version} (abc 2026-01-01)'; else echo '{_temp.Path}/sysroot'; fi
        """);

    private int RunCount => File.Exists(Runs) ? File.ReadAllLines(Runs).Length : 0;

    private Task<RustcProbe> ProbeAsync(string rustc) =>
        RustcProbe.RunAsync(rustc, new Dictionary<string, string?>(), new ProbeCache(CacheFile), CancellationToken.None);

    [Fact]
    public async Task An_unchanged_binary_is_started_once_across_builds()
    {
        var rustc = Rustc("bin", "1.90.0");

        var first = await ProbeAsync(rustc);
        var second = await ProbeAsync(rustc); // a new cache object reads probes.json, as the next build does

        Assert.Equal(2, RunCount); // -V and --print sysroot, once
        Assert.Equal(first, second);
        Assert.Equal("1.90.0", second.Version);
        Assert.True(File.Exists(CacheFile));
    }

    [Fact]
    public async Task A_replaced_binary_is_asked_again()
    {
        var rustc = Rustc("bin", "1.90.0");
        await ProbeAsync(rustc);

        Rustc("bin", "1.91.10");
        var probe = await ProbeAsync(rustc);

        Assert.Equal("1.91.10", probe.Version);
        Assert.Equal(4, RunCount);
    }

    [Fact]
    public async Task A_failed_probe_is_not_kept()
    {
        var rustc = Rustc("bin", "1.90.0");
        File.WriteAllText(_temp["fail"], "");
        await Assert.ThrowsAsync<ProcessFailedException>(() => ProbeAsync(rustc));

        File.Delete(_temp["fail"]);
        var probe = await ProbeAsync(rustc);

        Assert.Equal("1.90.0", probe.Version);
        Assert.Equal(3, RunCount); // the failed -V, then -V and --print sysroot
    }

    [Fact]
    public async Task A_rustup_proxy_is_asked_every_time()
    {
        var rustc = Rustc("cargo-home/bin", "1.90.0");
        TestTools.WriteExecutable(_temp["cargo-home/bin/rustup"], "#!/bin/sh\nexit 0\n");

        await ProbeAsync(rustc);
        await ProbeAsync(rustc);

        Assert.Equal(4, RunCount);
    }

    [Fact]
    public async Task An_unreadable_cache_file_is_probed_afresh_and_rewritten()
    {
        var rustc = Rustc("bin", "1.90.0");
        Directory.CreateDirectory(_temp["cache"]);
        File.WriteAllText(CacheFile, "{ half a file");

        var probe = await ProbeAsync(rustc);

        Assert.Equal("1.90.0", probe.Version);
        Assert.Contains("1.90.0", File.ReadAllText(CacheFile));
    }
}
