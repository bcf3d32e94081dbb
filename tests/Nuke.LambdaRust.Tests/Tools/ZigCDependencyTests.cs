using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Runtime;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Toolchain;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Tests.Tools;

/// <summary>
/// C dependencies cross-compiled with zig as cargo-zigbuild does it: a function (tests/fixtures/c-dependencies) whose
/// build script compiles C through the cc crate and a CMake project through the cmake crate, both from Debian's crate
/// sources, built for arm64 and run under qemu.
/// </summary>
public sealed class ZigCDependencyTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_cc_and_a_cmake_dependency_are_compiled_by_zig_for_arm64_and_the_function_runs()
    {
        var workspace = DebianCrates.CopyFixture("c-dependencies", _directory.Combine("fn"));
        DebianCrates.UseOffline(workspace, ("cc-", "librust-cc-dev"), ("cmake-", "librust-cmake-dev"));
        TestTools.Require("cmake");

        var binary = Assert.Single(await LambdaRustTasks.ZigBuildAsync(s => s
            .SetManifestPath(Path.Combine(workspace, "Cargo.toml"))
            .SetZigPath(TestTools.Zig())
            .SetArchitecture(LambdaArchitecture.Arm64)));

        Assert.Equal("AArch64", (await ReadElf.RunAsync(binary.Path)).Machine);
        var buildFolder = Directory.GetDirectories(Path.Combine(workspace, "target", "aarch64-unknown-linux-gnu", "debug", "build"), "c-dependencies-*")
            .Single(d => File.Exists(Path.Combine(d, "out", "build", "CMakeCache.txt")));
        var cache = File.ReadAllLines(Path.Combine(buildFolder, "out", "build", "CMakeCache.txt"));
        var toolchainFile = Assert.Single(cache, l => l.StartsWith("CMAKE_TOOLCHAIN_FILE:", StringComparison.Ordinal)).Split('=', 2)[1];
        Assert.Matches(@"/lambda-rust/zig-wrappers/cmake-aarch64-linux-gnu\.2\.34-[0-9a-f]{8}\.cmake$", toolchainFile);
        var compilerInfo = Directory.GetFiles(Path.Combine(buildFolder, "out", "build", "CMakeFiles"), "CMakeCCompiler.cmake", SearchOption.AllDirectories).Single();
        Assert.Contains(File.ReadAllLines(compilerInfo), l => l.StartsWith("set(CMAKE_C_COMPILER ", StringComparison.Ordinal) && l.Contains("zigcc-aarch64-linux-gnu.2.34"));
        var cmakeLibrary = Path.Combine(buildFolder, "out", "lib", "libtimes.a");
        Assert.Contains("ziglang/zig-bootstrap", string.Join("\n", await TestTools.RunAsync("readelf", "-p", ".comment", cmakeLibrary)));

        if (LambdaArchitectures.Host != LambdaArchitecture.Arm64)
            TestTools.Require("qemu-aarch64");
        // Not a Lambda function, so it runs as a plain program (under qemu on an x86_64 machine).
        var launch = BootstrapLaunch.Create(new SandboxOptions(binary.Path, LambdaArchitecture.Arm64, "c-dependencies"), "127.0.0.1:9");
        var (exitCode, output, error) = TestTools.Run(launch.FileName, launch.Arguments, launch.Environment);
        Assert.True(exitCode == 0, error);
        Assert.Equal("5 20", output.Trim());
    }

    [Fact]
    public async Task Zig_header_search_gives_bindgen_zigs_include_folders_for_the_target_and_the_glibc_minor()
    {
        var zig = await ZigLocator.LocateAsync(TestTools.Zig(), NullLogger.Instance);
        var target = RustTarget.Parse("aarch64-unknown-linux-gnu.2.26");

        var arguments = await ZigHeaderSearch.ArgumentsAsync(zig, target, _directory.Path, NullLogger.Instance);

        var parts = arguments.Split(' ');
        Assert.Equal("-nostdinc", parts[0]);
        Assert.Contains("-D__GLIBC_MINOR__=26", parts);
        var folders = parts.Zip(parts.Skip(1)).Where(p => p.First == "-isystem").Select(p => p.Second).ToList();
        Assert.Contains(folders, f => f.EndsWith("/libc/include/aarch64-linux-gnu", StringComparison.Ordinal));
        Assert.All(folders, f => Assert.True(Directory.Exists(f), f));
        var cached = Assert.Single(Directory.GetFiles(_directory.Path, "bindgen-aarch64-linux-gnu.2.26-*.args"));
        Assert.Equal(arguments, File.ReadAllText(cached));
    }
}
