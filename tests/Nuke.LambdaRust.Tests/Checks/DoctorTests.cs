using System.Text.Json;
using Nuke.LambdaRust.Checks;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Tools;
using Xunit.Abstractions;

namespace Nuke.LambdaRust.Tests.Checks;

/// <summary>
/// The Doctor on real fixtures: cargo metadata resolves each graph from Debian's crate sources for the target and the
/// build's features (or, for diesel, which Debian lacks, falls back to Cargo.lock). Nothing is built.
/// </summary>
public sealed class DoctorTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestDirectory _directory = new();
    private readonly RecordingLogger _log = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Reqwest_default_tls_built_natively_with_cargo_is_an_openssl_sys_warning_with_the_crate_path()
    {
        var manifest = CheckFixtures.Copy(_directory, "tls-fn", CheckFixtures.Reqwest);

        var report = await DoctorAsync(new CargoBuildSettings().SetManifestPath(manifest).SetArchitecture(LambdaArchitecture.X86_64));

        var group = Assert.Single(report.Groups);
        Assert.Equal(GraphSource.CargoMetadata, group.Graph.Source);
        var finding = Assert.Single(report.Findings, f => f.Rule == "openssl-sys");
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.StartsWith("openssl-sys 0.9.", finding.Subject);
        Assert.Equal("tls-fn", finding.Path[0]);
        Assert.Matches(@"^reqwest 0\.11\.\d+ \(default-tls\)$", finding.Path[1]);
        Assert.Matches(@"^native-tls 0\.2\.\d+$", finding.Path[^2]);
        Assert.StartsWith("openssl-sys 0.9.", finding.Path[^1]);
        Assert.Contains("rustls-tls", finding.Fix);
        Assert.Contains("native-tls-vendored", finding.Fix);
        Assert.Contains("\"vendored\"", finding.Fix);
        Assert.True(report.Passed);
        Assert.Contains("openssl-sys", _log.Text);
        Assert.Contains(finding.PathText, _log.Text);
    }

    [Fact]
    public async Task Reqwest_default_tls_under_zig_for_arm64_is_an_openssl_sys_error_that_fails_and_writes_the_json_report()
    {
        var manifest = CheckFixtures.Copy(_directory, "tls-fn", CheckFixtures.Reqwest);
        var json = _directory["reports/doctor.json"];

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => LambdaRustTasks.DoctorAsync(s => s
            .SetBuild(new ZigBuildSettings().SetManifestPath(manifest).SetArchitecture(LambdaArchitecture.Arm64).SetZigPath(TestTools.Zig()))
            .SetJsonReportPath(json).SetLogger(_log)));

        Assert.Contains("[openssl-sys]", error.Problem);
        Assert.Contains("aarch64-unknown-linux-gnu", error.Problem);
        Assert.Contains("tls-fn → reqwest 0.11.", error.Problem);
        Assert.Contains("--allow openssl-sys", error.Fix);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        Assert.False(document.RootElement.GetProperty("passed").GetBoolean());
        var group = Assert.Single(document.RootElement.GetProperty("groups").EnumerateArray());
        Assert.Equal("arm64", group.GetProperty("architecture").GetString());
        Assert.Equal("cargo-metadata", group.GetProperty("graph").GetProperty("source").GetString());
        var finding = Assert.Single(group.GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "openssl-sys");
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal("tls-fn", finding.GetProperty("path")[0].GetString());
    }

    [Fact]
    public async Task Allowing_the_openssl_sys_rule_reports_it_without_failing()
    {
        var manifest = CheckFixtures.Copy(_directory, "tls-fn", CheckFixtures.Reqwest);

        var report = await LambdaRustTasks.DoctorAsync(s => s
            .SetBuild(new ZigBuildSettings().SetManifestPath(manifest).SetArchitecture(LambdaArchitecture.Arm64).SetZigPath(TestTools.Zig()))
            .AddAllowedRules("openssl-sys").SetLogger(_log));

        var finding = Assert.Single(report.Findings, f => f.Rule == "openssl-sys");
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.True(finding.Allowed);
        Assert.True(report.Passed);
        Assert.Contains("error (allowed)", _log.Text);
    }

    [Fact]
    public async Task Reqwest_with_rustls_passes_the_tls_rule_and_its_ring_is_fine_with_zig()
    {
        var manifest = CheckFixtures.Copy(_directory, "rustls-fn", CheckFixtures.Reqwest);

        var report = await DoctorAsync(new ZigBuildSettings().SetManifestPath(manifest).SetArchitecture(LambdaArchitecture.Arm64).SetZigPath(TestTools.Zig()));

        var group = Assert.Single(report.Groups);
        Assert.Contains(group.Graph.Nodes, n => n.Name == "ring" && n.CompilesC);
        Assert.DoesNotContain(group.Graph.Nodes, n => n.Name == "openssl-sys");
        Assert.Empty(report.Findings);
    }

    [Fact]
    public async Task The_graph_is_resolved_with_the_features_the_build_passes()
    {
        var manifest = CheckFixtures.Copy(_directory, "rustls-fn", CheckFixtures.Reqwest);

        var report = await DoctorAsync(new CargoBuildSettings().SetManifestPath(manifest).SetArchitecture(LambdaArchitecture.X86_64).SetFeatures("native"));

        var finding = Assert.Single(report.Findings, f => f.Rule == "openssl-sys");
        Assert.Equal("rustls-fn", finding.Path[0]);
        Assert.Matches(@"^reqwest 0\.11\.\d+ \(default-tls\)$", finding.Path[1]);
    }

    [Fact]
    public async Task Diesel_with_postgres_falls_back_to_cargo_lock_says_so_and_is_a_diesel_error_through_pq_sys()
    {
        var manifest = CheckFixtures.Copy(_directory, "diesel-fn");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => DoctorAsync(new CargoBuildSettings().SetManifestPath(manifest).SetArchitecture(LambdaArchitecture.X86_64)));

        Assert.Contains("[diesel-native-client]", error.Problem);
        Assert.Contains("diesel-fn → diesel 2.1.4 (postgres) → pq-sys 0.4.8", error.Problem);
        Assert.Contains("libpq.so.5", error.Problem);
        Assert.Contains("diesel-async", error.Fix);
        Assert.Contains("bundled", error.Fix);
        Assert.Contains(_log.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && e.Message.Contains("cargo metadata could not resolve") && e.Message.Contains("Cargo.lock and the manifests"));
        Assert.Contains("no matching package", _log.Text);
        Assert.Contains("from cargo-lock", _log.Text);
    }

    [Fact]
    public async Task A_std_only_function_has_no_findings()
    {
        var manifest = CheckFixtures.Copy(_directory, "std-fn");

        var report = await DoctorAsync(new ZigBuildSettings().SetManifestPath(manifest).SetArchitectures(LambdaArchitecture.Arm64, LambdaArchitecture.X86_64)
            .SetZigPath(TestTools.Zig()).SetRuntime(LambdaRuntime.ProvidedAl2).EnableRelease());

        Assert.Equal(2, report.Groups.Count);
        Assert.All(report.Groups, g => Assert.Equal(GraphSource.CargoMetadata, g.Graph.Source));
        Assert.Empty(report.Findings);
        Assert.Contains("no findings", _log.Text);
    }

    [Fact]
    public async Task C_crates_with_plain_cargo_for_a_foreign_target_and_no_c_cross_compiler_are_errors()
    {
        var manifest = CheckFixtures.Copy(_directory, "c-dependencies", ("cc-", "librust-cc-dev"), ("cmake-", "librust-cmake-dev"));

        var report = await RunWithoutFailingAsync(new CargoBuildSettings().SetManifestPath(manifest).SetArchitecture(LambdaArchitecture.Arm64)
            .SetLinker(LambdaArchitecture.Arm64, "aarch64-linux-gnu-ld"));

        var finding = Assert.Single(report.Findings, f => f.Rule == "c-cross-compiler");
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("no C compiler for aarch64-unknown-linux-gnu", finding.Message);
        Assert.Contains("CC_aarch64_unknown_linux_gnu", finding.Fix);
        Assert.Contains("--compiler zig", finding.Fix);
    }

    [Fact]
    public async Task A_cmake_crate_with_a_cross_gcc_but_no_toolchain_file_is_an_error_and_is_fine_with_zig()
    {
        var manifest = CheckFixtures.Copy(_directory, "c-dependencies", ("cc-", "librust-cc-dev"), ("cmake-", "librust-cmake-dev"));
        TestTools.Require("aarch64-linux-gnu-gcc");

        var cargo = await RunWithoutFailingAsync(new CargoBuildSettings().SetManifestPath(manifest).SetArchitecture(LambdaArchitecture.Arm64));
        var zig = await DoctorAsync(new ZigBuildSettings().SetManifestPath(manifest).SetArchitecture(LambdaArchitecture.Arm64).SetZigPath(TestTools.Zig()));

        var finding = Assert.Single(cargo.Findings, f => f.Rule == "c-cross-compiler");
        Assert.Contains("CMake toolchain file", finding.Message);
        Assert.Contains("CMAKE_TOOLCHAIN_FILE_aarch64_unknown_linux_gnu", finding.Fix);
        Assert.Empty(zig.Findings);
    }

    [Fact]
    public async Task A_cmake_crate_needs_cmake_on_the_build_machine()
    {
        var manifest = CheckFixtures.Copy(_directory, "c-dependencies", ("cc-", "librust-cc-dev"), ("cmake-", "librust-cmake-dev"));
        var missing = _directory["no-such-folder/cmake"];

        var report = await RunWithoutFailingAsync(new ZigBuildSettings().SetManifestPath(manifest).SetArchitecture(LambdaArchitecture.Arm64)
            .SetZigPath(TestTools.Zig()).SetEnvironmentVariable("CMAKE", missing));

        var finding = Assert.Single(report.Findings, f => f.Rule == "build-machine-tools");
        Assert.Contains("no cmake is on PATH", finding.Message);
        Assert.Contains(missing, finding.Message);
        Assert.Contains("apt-get install cmake", finding.Fix);
    }

    [Fact]
    public async Task A_glibc_above_the_runtimes_is_an_error()
    {
        var manifest = CheckFixtures.Copy(_directory, "std-fn");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => DoctorAsync(new ZigBuildSettings().SetManifestPath(manifest)
            .SetArchitecture(LambdaArchitecture.X86_64).SetZigPath(TestTools.Zig()).SetRuntime(LambdaRuntime.ProvidedAl2).SetGlibc(new Version(2, 28))));

        Assert.Contains("[glibc-above-runtime]", error.Problem);
        Assert.Contains("--glibc 2.28 is above provided.al2's glibc 2.26", error.Problem);
        Assert.Contains("--glibc 2.26 or lower", error.Fix);
    }

    [Fact]
    public async Task Rustflags_in_the_environment_of_a_release_build_are_a_warning_naming_the_variable()
    {
        var manifest = CheckFixtures.Copy(_directory, "std-fn");

        var report = await DoctorAsync(new ZigBuildSettings().SetManifestPath(manifest).SetArchitecture(LambdaArchitecture.Arm64)
            .SetZigPath(TestTools.Zig()).EnableRelease().SetEnvironmentVariable("CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUSTFLAGS", "-C debuginfo=1"));

        var finding = Assert.Single(report.Findings);
        Assert.Equal(("rustflags", FindingSeverity.Warning), (finding.Rule, finding.Severity));
        Assert.Contains("CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUSTFLAGS is set", finding.Message);
        Assert.Contains("-C target-cpu=neoverse-n1", finding.Fix);
    }

    [Fact]
    public async Task A_crate_whose_rust_version_is_newer_than_the_toolchain_is_an_error()
    {
        var manifest = CheckFixtures.Copy(_directory, "std-fn");
        await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(manifest)).Replace("publish = false", "publish = false\nrust-version = \"1.999\""));

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => DoctorAsync(new CargoBuildSettings().SetManifestPath(manifest).SetArchitecture(LambdaArchitecture.X86_64)));

        Assert.Contains("[rust-version] std-fn 0.1.0 needs rustc 1.999 (its rust-version), but the build uses rustc 1.", error.Problem);
        Assert.Contains("rustup update", error.Fix);
    }

    [Fact]
    public async Task An_unknown_rule_in_the_allow_list_is_refused_with_the_closest()
    {
        var manifest = CheckFixtures.Copy(_directory, "std-fn");

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => LambdaRustTasks.DoctorAsync(s => s
            .SetBuild(new CargoBuildSettings().SetManifestPath(manifest)).AddAllowedRules("openssl")));

        Assert.Contains("Unknown rule 'openssl'", error.Problem);
        Assert.Contains("openssl-sys", error.Problem);
        Assert.Contains("diesel-native-client", error.Fix);
    }

    private Task<DoctorReport> DoctorAsync(LambdaBuildSettings build) =>
        LambdaRustTasks.DoctorAsync(s => s.SetBuild(build).SetLogger(new TeeLogger(_log, new TestOutputLogger(output))));

    /// <summary>All findings, errors included, without failing on them.</summary>
    private Task<DoctorReport> RunWithoutFailingAsync(LambdaBuildSettings build) =>
        LambdaRustTasks.DoctorAsync(s => s.SetBuild(build).AddAllowedRules([.. CheckRules.All.Select(r => r.Id)]).SetLogger(new TeeLogger(_log, new TestOutputLogger(output))));
}
