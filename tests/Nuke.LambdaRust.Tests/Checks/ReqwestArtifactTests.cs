using Nuke.LambdaRust.Elf;
using Nuke.LambdaRust.Checks;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Pipeline;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Tools;
using Xunit.Abstractions;

namespace Nuke.LambdaRust.Tests.Checks;

/// <summary>
/// The reqwest default-tls fixture built natively for x86_64 with plain cargo from Debian's crate sources (once for the
/// class): it links libssl.so.3/libcrypto.so.3 and needs GLIBC_2.34, so it fits provided.al2023 but not provided.al2 —
/// and the checks say both, every finding at once, wherever they run.
/// </summary>
public sealed class ReqwestArtifactTests(ReqwestArtifactTests.Build build, ITestOutputHelper output) : IClassFixture<ReqwestArtifactTests.Build>
{
    [Fact]
    public async Task Verify_for_provided_al2_names_libssl_so_3_and_the_crate_behind_it_and_separately_the_too_new_glibc()
    {
        var packages = await LambdaRustTasks.PackageAsync(s => s.SetBinaries(build.Binaries));

        var error = Assert.Throws<LambdaRustException>(() => LambdaRustTasks.Verify(s => s
            .SetPackages(packages).SetRuntime(LambdaRuntime.ProvidedAl2).SetDoctor(build.Doctor).SetLogger(new TestOutputLogger(output))));

        output.WriteLine(error.Message);
        Assert.Contains("[runtime-library]", error.Problem);
        Assert.Contains("needs libssl.so.3, but provided.al2 does not ship it", error.Problem);
        Assert.Contains("needs libcrypto.so.3", error.Problem);
        Assert.Matches(@"most likely brought in by openssl-sys 0\.9\.\d+ \(links = ""openssl""\): tls-fn → reqwest 0\.11\.\d+ \(default-tls\) → ", error.Problem);
        Assert.Contains("[glibc-version]", error.Problem);
        Assert.Contains("needs GLIBC_2.34, but tls-fn must run with glibc 2.26", error.Problem);
        Assert.Contains("rustls-tls", error.Fix);
        Assert.Contains("--compiler zig", error.Fix);
    }

    [Fact]
    public async Task Verify_for_provided_al2023_passes_on_the_inferred_libssl_so_3_entry()
    {
        var packages = await LambdaRustTasks.PackageAsync(s => s.SetBinaries(build.Binaries));

        var report = LambdaRustTasks.Verify(s => s.SetPackages(packages).SetRuntime(LambdaRuntime.ProvidedAl2023));

        Assert.Contains("libssl.so.3", ElfInspector.Read(build.Binaries[0].Path).NeededLibraries);
        Assert.Empty(report.Findings);
        Assert.Equal("inferred", RuntimeLibraries.For(LambdaRuntime.ProvidedAl2023).Find("libssl.so.3")!.Status);
    }

    [Fact]
    public async Task Compile_for_provided_al2_fails_right_after_the_build_with_every_finding_of_the_binary()
    {
        var pipeline = new LambdaPipeline(new PipelineSettings
        {
            RootDirectory = build.Workspace,
            Compiler = LambdaCompiler.Cargo,
            Architectures = [LambdaArchitecture.X86_64],
            Runtime = LambdaRuntime.ProvidedAl2,
            PlannedSteps = PipelineSteps.Doctor | PipelineSteps.Compile,
        }, new TestOutputLogger(output));

        var doctor = await pipeline.DoctorAsync();
        var error = await Assert.ThrowsAsync<LambdaRustException>(() => pipeline.CompileAsync());

        Assert.Contains(doctor.Report.Findings, f => f.Rule == "openssl-sys" && f.Severity == FindingSeverity.Warning);
        Assert.StartsWith("Compile found 3 problems", error.Problem);
        Assert.Contains("[glibc-version]", error.Problem);
        Assert.Contains("[runtime-library]", error.Problem);
        Assert.Contains("libssl.so.3", error.Problem);
        Assert.Contains("openssl-sys 0.9.", error.Problem);
        Assert.Null(pipeline.Compiled);
    }

    /// <summary>The fixture, its Doctor report, and one native cargo build of it (about two minutes on two cores, cold).</summary>
    public sealed class Build : IAsyncLifetime
    {
        private readonly TestDirectory _directory = new();

        public string Workspace { get; private set; } = "";

        public IReadOnlyList<LambdaBinary> Binaries { get; private set; } = [];

        public DoctorReport? Doctor { get; private set; }

        public async Task InitializeAsync()
        {
            var manifest = CheckFixtures.Copy(_directory, "tls-fn", CheckFixtures.Reqwest);
            TestTools.Require("pkg-config");
            Workspace = Path.GetDirectoryName(manifest)!;
            var settings = new CargoBuildSettings().SetManifestPath(manifest).SetArchitecture(LambdaArchitecture.X86_64);
            Doctor = await LambdaRustTasks.DoctorAsync(s => s.SetBuild(settings));
            Binaries = await LambdaRustTasks.CargoBuildAsync(_ => settings);
        }

        public Task DisposeAsync()
        {
            _directory.Dispose();
            return Task.CompletedTask;
        }
    }
}
