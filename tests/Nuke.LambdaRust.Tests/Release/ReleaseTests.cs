using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text.Json;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Release;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Release;

/// <summary>
/// <c>LambdaRustTasks.Release</c> on the Release fixture with real cargo, zig and qemu: ten zips, SHA256SUMS,
/// manifest.json, reruns, merges, smoke tests and the errors.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ReleaseTests(ReleasedMonorepo released) : IClassFixture<ReleasedMonorepo>
{
    private static readonly string[] Functions = ["orders-create", "orders-list", "ping", "users-get", "users-put"];

    private Monorepo Repository => released.Repository;

    [Fact]
    public void Five_functions_for_both_architectures_give_ten_zips_named_function_dash_architecture()
    {
        var zips = Directory.GetFiles(released.First, "*.zip").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Functions.SelectMany(f => new[] { $"{f}-arm64.zip", $"{f}-x86_64.zip" }), zips);
        Assert.Equal(10, released.FirstReport.Rebuilt);
    }

    [Fact]
    public void The_manifest_hashes_and_sizes_match_the_zips()
    {
        var manifest = ReleaseManifest.Read(Path.Combine(released.First, "manifest.json"));

        Assert.Equal(10, manifest.Artifacts.Count);
        foreach (var artifact in manifest.Artifacts)
        {
            var bytes = File.ReadAllBytes(Path.Combine(released.First, artifact.Zip));
            var hash = SHA256.HashData(bytes);
            Assert.Equal(bytes.Length, artifact.Size);
            Assert.Equal(Convert.ToHexString(hash).ToLowerInvariant(), artifact.Sha256);
            Assert.Equal(Convert.ToBase64String(hash), artifact.CodeSha256);
            using var zip = ZipFile.OpenRead(Path.Combine(released.First, artifact.Zip));
            var bootstrap = zip.GetEntry("bootstrap")!;
            using var stream = bootstrap.Open();
            Assert.Equal(artifact.BinarySha256, Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant());
        }
    }

    [Fact]
    public void The_manifest_names_package_version_architecture_runtime_and_glibc_of_each_artifact()
    {
        var manifest = ReleaseManifest.Read(Path.Combine(released.First, "manifest.json"));

        var orders = manifest.Artifacts.Single(a => a.Key == "orders-create/arm64");
        Assert.Equal(("orders", "1.4.0", "provided.al2023", "orders-create-arm64.zip"), (orders.Package, orders.Version, orders.Runtime, orders.Zip));
        var ping = manifest.Artifacts.Single(a => a.Key == "ping/x86_64");
        Assert.Equal(("ping", "0.3.0"), (ping.Package, ping.Version)); // its own version; the others inherit the workspace's
        Assert.All(manifest.Artifacts, a => Assert.True(Version.Parse(a.Glibc!) <= new Version(2, 34), a.Glibc));
        Assert.Equal(Repository.Git("rev-parse", "HEAD").Trim(), manifest.Release.Commit);
        Assert.False(manifest.Release.Dirty);
        Assert.Equal(["arm64", "x86_64"], manifest.Release.Rustc.Keys.Order(StringComparer.Ordinal));
        Assert.All(manifest.Release.Rustc.Values, v => Assert.StartsWith("rustc ", v));
        Assert.All(manifest.Release.Cargo.Values, v => Assert.StartsWith("cargo ", v));
        Assert.Matches(@"^0\.\d+\.\d+", manifest.Release.Zig);
    }

    [Fact]
    public void The_manifest_keeps_its_keys_in_a_fixed_order_without_time_stamps()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(released.First, "manifest.json")));

        var artifact = json.RootElement.GetProperty("artifacts")[0];
        Assert.Equal(["function", "package", "version", "architecture", "runtime", "zip", "size", "sha256", "codeSha256", "glibc", "binarySha256"],
            artifact.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["formatVersion", "release", "artifacts"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["commit", "dirty", "versions"], json.RootElement.GetProperty("release").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Sha256sum_checks_every_zip_of_the_release()
    {
        var start = new ProcessStartInfo(TestTools.Require("sha256sum")) { WorkingDirectory = released.First, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("SHA256SUMS");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(10, output.Split('\n').Count(l => l.EndsWith(".zip: OK", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_second_release_without_a_change_is_byte_identical()
    {
        var first = Monorepo.Files(released.First);
        var second = Monorepo.Files(released.Second);

        Assert.Equal(first.Keys, second.Keys);
        foreach (var (name, bytes) in first)
            Assert.True(bytes.AsSpan().SequenceEqual(second[name]), $"{name} differs between two releases of the same source");
    }

    [Fact]
    public async Task A_rerun_into_the_same_folder_takes_every_unchanged_zip_over_without_zipping_it()
    {
        var output = Repository.Output("rerun");
        CopyDirectory(released.First, output);

        var report = await Repository.ReleaseAsync(output);

        Assert.Equal((0, 0, 10), (report.Rebuilt, report.Repackaged, report.Unchanged));
        Assert.Contains("0 rebuilt, 0 repackaged, 10 unchanged", report.Summary);
        Assert.Equal(Monorepo.Files(released.First).Values.Select(Convert.ToHexString), Monorepo.Files(output).Values.Select(Convert.ToHexString));
    }

    [Fact]
    public async Task A_zip_that_changed_since_the_last_release_is_written_again_as_repackaged()
    {
        var output = Repository.Output("repackage");
        CopyDirectory(released.First, output);
        File.AppendAllText(Path.Combine(output, "ping-arm64.zip"), "tampered");

        var report = await Repository.ReleaseAsync(output);

        Assert.Equal((0, 1, 9), (report.Rebuilt, report.Repackaged, report.Unchanged));
        Assert.Equal(File.ReadAllBytes(Path.Combine(released.First, "ping-arm64.zip")), File.ReadAllBytes(Path.Combine(output, "ping-arm64.zip")));
    }

    [Fact]
    public async Task Merging_two_partial_releases_gives_the_full_release_byte_for_byte()
    {
        var orders = Repository.Output("part-orders");
        var rest = Repository.Output("part-rest");
        await Repository.ReleaseAsync(orders, s => s with { Build = s.Build with { Functions = ["orders-create", "orders-list"] } });
        await Repository.ReleaseAsync(rest, s => s with { Build = s.Build with { Functions = ["ping", "users-get", "users-put"] } });
        var merged = Repository.Output("merged");

        LambdaRustTasks.MergeReleases([orders, rest], s => s with { OutputDirectory = merged });

        Assert.Equal(4, ReleaseManifest.Read(Path.Combine(orders, "manifest.json")).Artifacts.Count);
        var full = Monorepo.Files(released.First);
        var combined = Monorepo.Files(merged);
        Assert.Equal(full.Keys, combined.Keys);
        foreach (var (name, bytes) in full)
            Assert.True(bytes.AsSpan().SequenceEqual(combined[name]), $"{name} of the merge differs from the full release's");
    }

    [Fact]
    public void Merging_parts_with_conflicting_hashes_for_one_artifact_is_refused_and_writes_nothing()
    {
        var conflicting = Repository.Output("conflicting");
        CopyDirectory(released.First, conflicting);
        // Another build of orders-create for arm64: other bytes, and a manifest that agrees with them.
        var zip = Path.Combine(conflicting, "orders-create-arm64.zip");
        File.AppendAllText(zip, "another build");
        var hashes = ArtifactHashes.Of(zip);
        var manifest = ReleaseManifest.Read(Path.Combine(conflicting, "manifest.json"));
        manifest = manifest with
        {
            Artifacts = manifest.Artifacts.Where(a => a.Key == "orders-create/arm64")
                .Select(a => a with { Size = hashes.Size, Sha256 = hashes.Sha256Hex, CodeSha256 = hashes.CodeSha256 }).ToList(),
        };
        File.WriteAllText(Path.Combine(conflicting, "manifest.json"), manifest.Render());
        var merged = Repository.Output("merged-conflict");

        var error = Assert.Throws<LambdaRustException>(() => LambdaRustTasks.MergeReleases([released.First, conflicting], s => s with { OutputDirectory = merged }));

        Assert.Contains("orders-create for arm64 has conflicting hashes", error.Problem);
        Assert.Contains(hashes.Sha256Hex, error.Problem);
        Assert.False(Directory.Exists(merged));
        Assert.Empty(Monorepo.Leftovers(merged));
    }

    [Fact]
    public void Merging_a_part_twice_is_refused_as_a_duplicate()
    {
        var merged = Repository.Output("merged-twice");

        var error = Assert.Throws<LambdaRustException>(() => LambdaRustTasks.MergeReleases([released.First, released.Second], s => s with { OutputDirectory = merged }));

        Assert.Contains("is in both", error.Problem);
        Assert.False(Directory.Exists(merged));
    }

    [Fact]
    public async Task An_unknown_function_is_a_clear_error_before_anything_is_written()
    {
        var output = Repository.Output("unknown");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() =>
            Repository.ReleaseAsync(output, s => s with { Build = s.Build with { Functions = ["orders-craete"] } }));

        Assert.Contains("orders-craete", error.Message);
        Assert.False(Directory.Exists(output));
        Assert.Empty(Monorepo.Leftovers(output));
    }

    [Fact]
    public async Task An_output_below_a_file_is_a_clear_error_naming_it_before_compiling()
    {
        var file = Repository.Output("a-file");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "not a folder");
        var logger = new RecordingLogger();

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => Repository.ReleaseAsync(Path.Combine(file, "release"), logger: logger));

        Assert.Contains("cannot be written", error.Problem);
        Assert.Contains(Path.Combine(file, "release"), error.Problem);
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains("cargo build", StringComparison.Ordinal));
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    [Fact]
    public async Task A_folder_that_is_not_a_release_is_never_replaced()
    {
        var output = Repository.Output("not-a-release");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => Repository.ReleaseAsync(output));

        Assert.Contains("holds files but no manifest.json", error.Problem);
        Assert.Equal(["notes.txt"], Directory.GetFiles(output).Select(Path.GetFileName));
    }

    [Fact]
    public async Task The_smoke_event_invokes_every_artifact_on_both_architectures_before_the_manifest_is_written()
    {
        var output = Repository.Output("smoke");
        var eventFile = Path.Combine(Repository.Root, "smoke.json");
        File.WriteAllText(eventFile, """{"smoke":true}""");
        var logger = new RecordingLogger();

        var report = await Repository.ReleaseAsync(output, s => s with { SmokeEvent = eventFile }, logger);

        Assert.Equal(10, report.Manifest.Artifacts.Count);
        foreach (var function in Functions)
        {
            foreach (var architecture in new[] { "arm64", "x86_64" })
                Assert.Contains(logger.Entries, e => e.Message.Contains($"{function} ({architecture}) event 1/1", StringComparison.Ordinal) && e.Message.Contains("response", StringComparison.Ordinal));
        }

        Assert.Contains(logger.Entries, e => e.Message.Contains("qemu-aarch64", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_smoke_test_leaves_the_previous_release_as_it_was()
    {
        var output = Repository.Output("kept");
        CopyDirectory(released.First, output);
        var before = Monorepo.Files(output);
        var eventFile = Path.Combine(Repository.Root, "fail.json");
        File.WriteAllText(eventFile, """{"fail":true}""");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => Repository.ReleaseAsync(output, s => s with { SmokeEvent = eventFile }));

        Assert.Contains("smoke test failed", error.Problem);
        Assert.Contains("ping (arm64)", error.Problem);
        Assert.Contains("ping (x86_64)", error.Problem);
        Assert.DoesNotContain("orders-create", error.Problem);
        var after = Monorepo.Files(output);
        Assert.Equal(before.Keys, after.Keys);
        Assert.All(before, file => Assert.True(file.Value.AsSpan().SequenceEqual(after[file.Key]), file.Key));
        Assert.Empty(Monorepo.Leftovers(output));
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
    }
}
