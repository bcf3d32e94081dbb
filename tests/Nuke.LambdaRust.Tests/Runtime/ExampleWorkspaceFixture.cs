using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Tests.Runtime;

/// <summary>
/// A private copy of <c>examples/lambda-workspace</c> (without <c>target/</c>) in a unique temp folder, built on first
/// use: natively with <c>cargo build</c>, and for aarch64 with Debian's rustc and the <c>aarch64-linux-gnu-gcc</c>
/// linker. Each build runs once per test class; cargo writes into the copy only.
/// </summary>
public sealed class ExampleWorkspaceFixture : IDisposable
{
    private const string Arm64Triple = "aarch64-unknown-linux-gnu";
    private readonly Lazy<Task<TimeSpan>> _nativeBuild;
    private readonly Lazy<Task<TimeSpan>> _arm64Build;
    private readonly TestDirectory _directory = new();

    public ExampleWorkspaceFixture()
    {
        ExampleWorkspace.CopyTo(Root);
        _nativeBuild = new Lazy<Task<TimeSpan>>(BuildNativeAsync);
        _arm64Build = new Lazy<Task<TimeSpan>>(BuildArm64Async);
    }

    /// <summary>The workspace copy.</summary>
    public string Root => _directory.Path;

    /// <summary>How long the native build took (builds it when needed).</summary>
    public Task<TimeSpan> NativeBuildDuration => _nativeBuild.Value;

    /// <summary>How long the aarch64 build took (builds it when needed).</summary>
    public Task<TimeSpan> Arm64BuildDuration => _arm64Build.Value;

    /// <summary>A binary of the native build.</summary>
    public async Task<string> NativeBinaryAsync(string name)
    {
        await _nativeBuild.Value;
        return ExistingBinary(Path.Combine(Root, "target", "debug", name));
    }

    /// <summary>A binary of the aarch64 build.</summary>
    public async Task<string> Arm64BinaryAsync(string name)
    {
        await _arm64Build.Value;
        return ExistingBinary(Path.Combine(Root, "target", Arm64Triple, "debug", name));
    }

    public void Dispose() => _directory.Dispose();

    private async Task<TimeSpan> BuildNativeAsync()
    {
        var cargo = TestTools.Require("cargo");
        return await CargoBuildAsync(new ToolInvocation(cargo, ["build", "--locked", "--offline"])
        {
            WorkingDirectory = Root,
            Environment = new Dictionary<string, string?> { ["CARGO_TARGET_DIR"] = null, ["CARGO_BUILD_TARGET"] = null },
        });
    }

    private async Task<TimeSpan> BuildArm64Async()
    {
        var rustc = TestTools.Require("/usr/bin/rustc");
        var cargo = TestTools.Require("/usr/bin/cargo");
        TestTools.Require("aarch64-linux-gnu-gcc");
        var sysroot = (await TestTools.RunAsync(rustc, "--print", "sysroot")).Single().Trim();
        TestTools.Existing(Path.Combine(sysroot, "lib", "rustlib", Arm64Triple, "lib"), TestTools.DebianRust);

        return await CargoBuildAsync(new ToolInvocation(cargo, ["build", "--locked", "--offline", "--target", Arm64Triple])
        {
            WorkingDirectory = Root,
            Environment = new Dictionary<string, string?>
            {
                // /usr/bin/cargo alone would take rustup's rustc from PATH, which has no aarch64 std.
                ["RUSTC"] = rustc,
                ["CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER"] = "aarch64-linux-gnu-gcc",
                ["CARGO_TARGET_DIR"] = null,
                ["CARGO_BUILD_TARGET"] = null,
            },
        });
    }

    private static async Task<TimeSpan> CargoBuildAsync(ToolInvocation invocation)
    {
        var stopwatch = Stopwatch.StartNew();
        await ProcessRunner.RunAsync(invocation, NullLogger.Instance);
        return stopwatch.Elapsed;
    }

    private static string ExistingBinary(string path) =>
        File.Exists(path) ? path : throw new InvalidOperationException($"The build succeeded but did not produce '{path}'.");
}
