using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Elf;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Runtime;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Tests.Tools;

/// <summary>
/// The whole path with real tools: cargo + zig (or gcc) build → Package → a real unzip → the bootstrap answers a local
/// Lambda Runtime API (under qemu-aarch64 for arm64).
/// </summary>
public class EndToEndTests : IDisposable
{
    private readonly BuildWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task ZigBuild_arm64_release_package_unzip_and_invoke_under_qemu_answers_hello()
    {
        var binaries = await LambdaRustTasks.ZigBuildAsync(s => _workspace.Configure(s, "zig-arm64")
            .SetArchitecture(LambdaArchitecture.Arm64).EnableRelease());

        var response = await PackageUnzipAndInvokeAsync(binaries, "hello", LambdaArchitecture.Arm64, """{"name":"Ada"}""");

        Assert.Equal("""{"message":"Hello, Ada!"}""", response);
    }

    [Fact]
    public async Task ZigBuild_x86_64_native_package_unzip_and_invoke_answers_goodbye()
    {
        var binaries = await LambdaRustTasks.ZigBuildAsync(s => _workspace.Configure(s, "zig-x86").SetArchitecture(LambdaArchitecture.X86_64));

        var response = await PackageUnzipAndInvokeAsync(binaries, "goodbye", LambdaArchitecture.X86_64, """{"name":"Bo"}""");

        Assert.Equal("""{"message":"Goodbye, Bo!"}""", response);
    }

    [Fact]
    public async Task CargoBuild_x86_64_package_unzip_and_invoke_answers_echo()
    {
        var binaries = await LambdaRustTasks.CargoBuildAsync(s => _workspace.Configure(s, "cargo-x86").SetArchitecture(LambdaArchitecture.X86_64));

        var response = await PackageUnzipAndInvokeAsync(binaries, "echo", LambdaArchitecture.X86_64, """{"ping":1}""");

        Assert.Equal("""{"ping":1}""", response);
        Assert.All(binaries, b => Assert.Equal(LambdaCompiler.Cargo, b.Compiler));
    }

    [Fact]
    public async Task Zip_has_bootstrap_at_the_root_with_mode_0755_and_the_configured_include()
    {
        var binaries = await LambdaRustTasks.ZigBuildAsync(s => _workspace.Configure(s, "zip-layout")
            .SetArchitecture(LambdaArchitecture.X86_64).SetFunctions("hello"));
        var package = Assert.Single(await LambdaRustTasks.PackageAsync(s => s.SetBinaries(binaries)));

        var listing = await TestTools.RunAsync("zipinfo", package.Path);

        Assert.Contains(listing, l => l.StartsWith("-rwxr-xr-x", StringComparison.Ordinal) && l.EndsWith(" bootstrap", StringComparison.Ordinal));
        Assert.Contains(listing, l => l.StartsWith("-rw-r--r--", StringComparison.Ordinal) && l.EndsWith(" config/greeting.txt", StringComparison.Ordinal));
        Assert.Equal(Path.Combine(_workspace.Root, "target-zip-layout", "lambda", "hello", "bootstrap.zip"), package.Path);
    }

    [Theory]
    [InlineData("provided.al2", 26)]
    [InlineData("provided.al2023", 34)]
    public async Task Arm64_binary_needs_no_glibc_newer_than_its_runtimes(string runtime, int maxMinor)
    {
        var binaries = await LambdaRustTasks.ZigBuildAsync(s => _workspace.Configure(s, "glibc-" + runtime)
            .SetArchitecture(LambdaArchitecture.Arm64).SetRuntime(LambdaRuntime.Parse(runtime)).SetFunctions("echo"));
        var binary = Assert.Single(binaries);

        var fromReadelf = (await TestTools.RunAsync("readelf", "--version-info", "--wide", binary.Path))
            .SelectMany(l => System.Text.RegularExpressions.Regex.Matches(l, @"GLIBC_(2\.\d+(?:\.\d+)?)").Select(m => Version.Parse(m.Groups[1].Value)))
            .Max();

        Assert.NotNull(fromReadelf);
        Assert.True(fromReadelf <= new Version(2, maxMinor), $"readelf: needs GLIBC_{fromReadelf}, runtime {runtime} has 2.{maxMinor}");
        Assert.Equal(fromReadelf, ElfInspector.Read(binary.Path).MaxGlibcVersion);
        Assert.Equal($"aarch64-unknown-linux-gnu.2.{maxMinor}", binary.Target.TripleWithGlibc);
    }

    [Fact]
    public async Task Packaging_an_unchanged_binary_twice_gives_identical_bytes_even_after_its_mtime_changes()
    {
        var binaries = await LambdaRustTasks.ZigBuildAsync(s => _workspace.Configure(s, "repro")
            .SetArchitecture(LambdaArchitecture.X86_64).SetFunctions("hello"));
        var first = Assert.Single(await LambdaRustTasks.PackageAsync(s => s.SetBinaries(binaries)));
        var firstBytes = await File.ReadAllBytesAsync(first.Path);

        File.SetLastWriteTimeUtc(binaries[0].Path, DateTime.UtcNow.AddHours(3));
        File.SetLastWriteTimeUtc(Path.Combine(_workspace.Root, "functions", "greeter", "config", "greeting.txt"), DateTime.UtcNow.AddDays(-2));
        var second = Assert.Single(await LambdaRustTasks.PackageAsync(s => s.SetBinaries(binaries)));

        Assert.Equal(firstBytes, await File.ReadAllBytesAsync(second.Path));
        Assert.Equal(first.Hashes, second.Hashes);
        Assert.Equal(Convert.ToBase64String(Convert.FromHexString(first.Hashes.Sha256Hex)), first.Hashes.CodeSha256);
    }

    [Fact]
    public async Task Both_architectures_in_one_run_are_packaged_side_by_side()
    {
        var binaries = await LambdaRustTasks.ZigBuildAsync(s => _workspace.Configure(s, "both")
            .SetArchitectures(LambdaArchitecture.Arm64, LambdaArchitecture.X86_64));
        var packages = await LambdaRustTasks.PackageAsync(s => s.SetBinaries(binaries));

        Assert.Equal(6, packages.Count);
        Assert.Equal(6, packages.Select(p => p.Path).Distinct().Count());
        Assert.All(packages, p => Assert.Contains(Path.DirectorySeparatorChar + p.Architecture.ToLambdaName() + Path.DirectorySeparatorChar, p.Path));
        Assert.All(binaries, b => Assert.Equal(b.Architecture, ElfInspector.Read(b.Path).Architecture));
        Assert.Equal(["echo", "goodbye", "hello"], packages.Where(p => p.Architecture == LambdaArchitecture.Arm64).Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Only_the_functions_built_by_this_run_are_packaged()
    {
        await LambdaRustTasks.ZigBuildAsync(s => _workspace.Configure(s, "only").SetArchitecture(LambdaArchitecture.X86_64));
        var echoOnly = await LambdaRustTasks.ZigBuildAsync(s => _workspace.Configure(s, "only")
            .SetArchitecture(LambdaArchitecture.X86_64).SetFunctions("echo"));

        var packages = await LambdaRustTasks.PackageAsync(s => s.SetBinaries(echoOnly));

        Assert.Equal("echo", Assert.Single(packages).Name);
        Assert.Equal(["bootstrap"], (await TestTools.RunAsync("zipinfo", "-1", packages[0].Path)));
    }

    [Fact]
    public async Task Package_refuses_a_bootstrap_whose_elf_machine_is_not_the_requested_architecture()
    {
        var binaries = await LambdaRustTasks.ZigBuildAsync(s => _workspace.Configure(s, "wrong-arch")
            .SetArchitecture(LambdaArchitecture.X86_64).SetFunctions("echo"));
        var mislabelled = binaries[0] with { Architecture = LambdaArchitecture.Arm64 };

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => LambdaRustTasks.PackageAsync(s => s.SetBinaries([mislabelled])));

        Assert.Contains(binaries[0].Path, error.Message);
        Assert.Contains("x86-64", error.Message);
        Assert.Contains("arm64", error.Message);
        Assert.False(Directory.Exists(Path.Combine(_workspace.Root, "target-wrong-arch", "lambda")));
    }

    [Fact]
    public async Task Binary_output_format_writes_an_executable_bootstrap()
    {
        var binaries = await LambdaRustTasks.ZigBuildAsync(s => _workspace.Configure(s, "binary")
            .SetArchitecture(LambdaArchitecture.X86_64).SetFunctions("echo"));

        var package = Assert.Single(await LambdaRustTasks.PackageAsync(s => s.SetBinaries(binaries).SetOutputFormat(OutputFormat.Binary)));

        Assert.Equal("bootstrap", Path.GetFileName(package.Path));
        Assert.Equal(binaries[0].Hashes.Sha256Hex, package.Hashes.Sha256Hex);
        Assert.True(OperatingSystem.IsWindows() || (File.GetUnixFileMode(package.Path) & UnixFileMode.UserExecute) != 0);
        var invocation = await BootstrapRunner.InvokeAsync(package.Path, LambdaArchitecture.X86_64, """{"a":true}""", NullLogger.Instance);
        Assert.Equal("""{"a":true}""", invocation.Outcome.Body);
    }

    [Fact]
    public async Task Package_still_refuses_a_binary_handed_to_it_that_needs_a_newer_glibc_than_its_target()
    {
        // The build itself refuses such a binary (BuildErrorTests); Package checks again what it is given: here a cargo
        // build for provided.al2023 (it needs GLIBC_2.34) handed on as if it were for provided.al2.
        var built = await LambdaRustTasks.CargoBuildAsync(s => _workspace.Configure(s, "gcc-al2")
            .SetArchitecture(LambdaArchitecture.Arm64).SetRuntime(LambdaRuntime.ProvidedAl2023).SetFunctions("echo"));
        var binaries = built.Select(b => b with { Target = b.Target with { Glibc = LambdaRuntime.ProvidedAl2.Glibc } }).ToList();

        var error = await Assert.ThrowsAsync<LambdaRustException>(() => LambdaRustTasks.PackageAsync(s => s.SetBinaries(binaries)));

        Assert.Contains("needs GLIBC_2.3", error.Message);
        Assert.Contains("glibc 2.26", error.Message);
        Assert.Contains("--compiler zig", error.Fix);
        Assert.False(Directory.Exists(Path.Combine(_workspace.Root, "target-gcc-al2", "lambda")));
    }

    private async Task<string> PackageUnzipAndInvokeAsync(IReadOnlyList<LambdaBinary> binaries, string function, LambdaArchitecture architecture, string eventJson)
    {
        Assert.Equal(3, binaries.Count);
        Assert.All(binaries, b => Assert.Equal(architecture, b.Architecture));
        var packages = await LambdaRustTasks.PackageAsync(s => s.SetBinaries(binaries));
        var package = packages.Single(p => p.Name == function);

        var extracted = Path.Combine(_workspace.Root, "extracted-" + function + "-" + architecture.ToLambdaName());
        await TestTools.RunAsync("unzip", "-q", package.Path, "-d", extracted);
        var invocation = await BootstrapRunner.InvokeAsync(Path.Combine(extracted, "bootstrap"), architecture, eventJson, NullLogger.Instance);

        Assert.True(invocation.Outcome.Succeeded, string.Join(Environment.NewLine, invocation.Output));
        return invocation.Outcome.Body;
    }
}
