using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Release;

/// <summary>
/// <c>--sccache</c> with Debian's real sccache: a cache hit in a fresh target directory (its local disk cache), and a
/// Redis cache (a real redis-server on loopback, started and stopped by the test) that this sccache cannot serve.
/// Each test has its own sccache server port and cache folder, and stops what it started.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class SccacheTests : IDisposable
{
    private readonly Monorepo _repository = new();
    private readonly int _port = FreePort();

    public void Dispose() => _repository.Dispose();

    [Fact]
    public async Task A_second_release_in_a_fresh_target_directory_hits_the_cache_and_says_so()
    {
        TestTools.Require("sccache");
        var environment = new Dictionary<string, string>
        {
            ["SCCACHE_DIR"] = Path.Combine(_repository.Root, "sccache"),
            ["SCCACHE_SERVER_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        var first = await _repository.ReleaseAsync(_repository.Output("first"), Sccache(environment), targetDirectory: Path.Combine(_repository.Root, "target-a"));
        var second = await _repository.ReleaseAsync(_repository.Output("second"), Sccache(environment), targetDirectory: Path.Combine(_repository.Root, "target-b"));

        Assert.True(first.Sccache!.Misses > 0, first.Summary);
        Assert.True(second.Sccache!.Hits > 0, second.Summary);
        Assert.Contains($"sccache {second.Sccache.Hits} hits, {second.Sccache.Misses} misses", second.Summary);
        Assert.False(IsListening(_port), "the release started the sccache server, so it must stop it");
    }

    [Fact]
    public async Task A_Redis_cache_with_an_sccache_built_without_Redis_is_a_clear_error_naming_the_version_and_the_fix()
    {
        var sccache = TestTools.Require("sccache");
        var redisPort = FreePort();
        using var redis = StartRedis(redisPort);
        try
        {
            Assert.Equal("+PONG", Ping(redisPort)); // a real Redis answers on loopback
            var environment = new Dictionary<string, string>
            {
                ["SCCACHE_DIR"] = Path.Combine(_repository.Root, "sccache"),
                ["SCCACHE_SERVER_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["SCCACHE_REDIS"] = $"redis://127.0.0.1:{redisPort}",
            };
            var output = _repository.Output("redis");

            var error = await Assert.ThrowsAsync<LambdaRustException>(() => _repository.ReleaseAsync(output, Sccache(environment)));

            Assert.Contains("SCCACHE_REDIS is set", error.Problem);
            Assert.Contains(Monorepo.Run(_repository.Root, sccache, "--version").Trim(), error.Problem);
            Assert.Contains("redis feature", error.Fix);
            Assert.False(Directory.Exists(output));
            Assert.Empty(Monorepo.Leftovers(output));
            Assert.False(IsListening(_port));
        }
        finally
        {
            redis.Kill(entireProcessTree: true);
            redis.WaitForExit();
        }

        Assert.True(redis.HasExited);
        Assert.False(IsListening(redisPort));
    }

    private static Func<Nuke.LambdaRust.Release.ReleaseSettings, Nuke.LambdaRust.Release.ReleaseSettings> Sccache(Dictionary<string, string> environment) =>
        s => s with
        {
            Sccache = true,
            Build = s.Build with { Functions = ["ping"], Architectures = [LambdaArchitecture.X86_64], EnvironmentVariables = environment },
        };

    private static Process StartRedis(int port)
    {
        var start = new ProcessStartInfo(TestTools.Require("redis-server")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var attempt = 0; attempt < 100 && !IsListening(port); attempt++)
            Thread.Sleep(100);
        return process;
    }

    private static string Ping(int port)
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        using var stream = client.GetStream();
        stream.Write("PING\r\n"u8);
        var buffer = new byte[64];
        var read = stream.Read(buffer);
        return System.Text.Encoding.ASCII.GetString(buffer, 0, read).Trim();
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
