using Nuke.LambdaRust.Checks;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Tests.Elf;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Tests.Checks;

/// <summary>Verify on real zips of real binaries: every finding of a package, not the first.</summary>
public sealed class PackageVerifierTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_gcc_linked_arm64_binary_packaged_as_x86_64_for_provided_al2_reports_the_wrong_architecture_and_the_too_new_glibc()
    {
        var binary = await ElfSamples.AArch64CProgramAsync(_directory);
        var package = await VerifyPackages.ZipAsync(_directory["lambda"], binary, LambdaArchitecture.X86_64, LambdaRuntime.ProvidedAl2);

        var error = Assert.Throws<LambdaRustException>(() => LambdaRustTasks.Verify(s => s.SetPackages([package]).SetRuntime(LambdaRuntime.ProvidedAl2)));

        Assert.Contains($"{package.Path}!bootstrap", error.Problem);
        Assert.Contains("[elf-architecture]", error.Problem);
        Assert.Contains("is a AArch64 binary, but the requested architecture is x86_64", error.Problem);
        Assert.Contains("[glibc-version]", error.Problem);
        Assert.Contains("must run with glibc 2.26", error.Problem);
        Assert.Contains("needs GLIBC_2.3", error.Problem);
        Assert.Contains("--compiler zig", error.Fix);
        Assert.Contains("x86_64-unknown-linux-gnu", error.Fix);
    }

    [Fact]
    public async Task The_same_arm64_binary_labelled_arm64_for_provided_al2023_passes()
    {
        var binary = await ElfSamples.AArch64CProgramAsync(_directory);
        var package = await VerifyPackages.ZipAsync(_directory["lambda"], binary, LambdaArchitecture.Arm64, LambdaRuntime.ProvidedAl2023);

        var report = LambdaRustTasks.Verify(s => s.SetPackages([package]));

        var verified = Assert.Single(report.Packages);
        Assert.Empty(verified.Findings);
        Assert.Equal(new FileInfo(package.Path).Length, verified.ZippedSize);
        Assert.Equal(new FileInfo(binary).Length, verified.UnzippedSize);
    }

    [Fact]
    public async Task A_bootstrap_without_mode_0755_and_a_zip_without_bootstrap_at_its_root_are_each_reported()
    {
        var binary = await ElfSamples.AArch64CProgramAsync(_directory);
        var notExecutable = await VerifyPackages.ZipAsync(_directory["a"], binary, LambdaArchitecture.Arm64, LambdaRuntime.ProvidedAl2023,
            new ZipEntrySource("bootstrap", binary, Executable: false));
        var nested = await VerifyPackages.ZipAsync(_directory["b"], binary, LambdaArchitecture.Arm64, LambdaRuntime.ProvidedAl2023,
            new ZipEntrySource("fn/bootstrap", binary, Executable: true));

        var report = PackageVerifier.Verify(new VerifySettings { Packages = [notExecutable, nested] });

        var mode = Assert.Single(report.Packages[0].Findings);
        Assert.Equal(CheckRules.BootstrapMode, mode.Rule);
        Assert.Contains("has mode 0644, not 0755", mode.Message);
        var entry = Assert.Single(report.Packages[1].Findings);
        Assert.Equal(CheckRules.BootstrapEntry, entry.Rule);
        Assert.Contains("has no 'bootstrap' at its root", entry.Message);
        Assert.Contains("fn/bootstrap", entry.Message);
        Assert.False(report.Passed);
    }

    [Theory]
    [InlineData(42, FindingSeverity.Warning, "near Lambda's 50 MB limit for a zip uploaded directly (warning from 40 MB)")]
    [InlineData(51, FindingSeverity.Error, "over Lambda's 50 MB limit")]
    public async Task A_zip_near_or_over_the_50_MB_limit_is_a_warning_or_an_error(int megabytes, FindingSeverity severity, string text)
    {
        var binary = await ElfSamples.AArch64CProgramAsync(_directory);
        var noise = new byte[megabytes << 20];
        new Random(megabytes).NextBytes(noise);
        var package = await VerifyPackages.ZipAsync(_directory["lambda"], binary, LambdaArchitecture.Arm64, LambdaRuntime.ProvidedAl2023,
            new ZipEntrySource("bootstrap", binary, Executable: true), ZipEntrySource.FromContent("data/noise.bin", noise));

        var report = PackageVerifier.Verify(new VerifySettings { Packages = [package] });

        var finding = Assert.Single(report.Findings);
        Assert.Equal((CheckRules.ZipSize, severity), (finding.Rule, finding.Severity));
        Assert.Contains(text, finding.Message);
        Assert.Equal(severity == FindingSeverity.Warning, report.Passed);
    }

    [Fact]
    public async Task A_package_that_unzips_near_the_250_MB_limit_is_a_warning()
    {
        var binary = await ElfSamples.AArch64CProgramAsync(_directory);
        var package = await VerifyPackages.ZipAsync(_directory["lambda"], binary, LambdaArchitecture.Arm64, LambdaRuntime.ProvidedAl2023,
            new ZipEntrySource("bootstrap", binary, Executable: true), ZipEntrySource.FromContent("data/zeros.bin", new byte[210 << 20]));

        var report = PackageVerifier.Verify(new VerifySettings { Packages = [package] });

        var finding = Assert.Single(report.Findings);
        Assert.Equal((CheckRules.UnzippedSize, FindingSeverity.Warning), (finding.Rule, finding.Severity));
        Assert.Contains("near Lambda's 250 MB limit", finding.Message);
        Assert.Contains("warning from 200 MB", finding.Message);
    }

    [Fact]
    public async Task A_std_only_function_built_with_zig_for_both_architectures_and_provided_al2_passes()
    {
        var manifest = CheckFixtures.Copy(_directory, "std-fn");
        var binaries = await LambdaRustTasks.ZigBuildAsync(s => s.SetManifestPath(manifest).SetZigPath(TestTools.Zig())
            .SetArchitectures(LambdaArchitecture.Arm64, LambdaArchitecture.X86_64).SetRuntime(LambdaRuntime.ProvidedAl2));
        var packages = await LambdaRustTasks.PackageAsync(s => s.SetBinaries(binaries));

        var report = LambdaRustTasks.Verify(s => s.SetPackages(packages).SetRuntime(LambdaRuntime.ProvidedAl2));

        Assert.Equal(2, report.Packages.Count);
        Assert.Empty(report.Findings);
    }
}
