using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Tools;

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

    public ExampleWorkspaceFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "nuke-lambdarust-runtime-" + Guid.NewGuid().ToString("N"));
        CopyWorkspace(LocateExampleWorkspace(), Root);
        _nativeBuild = new Lazy<Task<TimeSpan>>(BuildNativeAsync);
        _arm64Build = new Lazy<Task<TimeSpan>>(BuildArm64Async);
    }

    /// <summary>The workspace copy.</summary>
    public string Root { get; }

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

    public void Dispose()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }

    /// <summary>The repository's example workspace, found upwards from the test assembly.</summary>
    public static string LocateExampleWorkspace()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "examples", "lambda-workspace");
            if (File.Exists(Path.Combine(candidate, "Cargo.toml")))
                return candidate;
        }

        throw new InvalidOperationException($"examples/lambda-workspace/Cargo.toml was not found above {AppContext.BaseDirectory}.");
    }

    private async Task<TimeSpan> BuildNativeAsync()
    {
        var home = Environment.GetEnvironmentVariable("CARGO_HOME") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cargo");
        var cargo = RequiredTool.Find("cargo", "Install Rust with rustup (https://rustup.rs) so that cargo is on PATH.", Path.Combine(home, "bin"));
        return await CargoBuildAsync(new ToolInvocation(cargo, ["build", "--locked", "--offline"])
        {
            WorkingDirectory = Root,
            Environment = new Dictionary<string, string?> { ["CARGO_TARGET_DIR"] = null, ["CARGO_BUILD_TARGET"] = null },
        });
    }

    private async Task<TimeSpan> BuildArm64Async()
    {
        const string debianRust = "Install Debian's Rust with the aarch64 std: dpkg --add-architecture arm64 && apt-get update && apt-get install rustc-web cargo-web libstd-rust-web-dev:arm64.";
        var rustc = RequiredTool.Existing("/usr/bin/rustc", debianRust);
        var cargo = RequiredTool.Existing("/usr/bin/cargo", debianRust);
        RequiredTool.Find("aarch64-linux-gnu-gcc", "Install the cross linker: apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross.");
        var sysroot = (await ProcessRunner.RunAsync(new ToolInvocation(rustc, ["--print", "sysroot"]), NullLogger.Instance, onOutput: _ => { }))
            .StandardOutput.Single().Trim();
        RequiredTool.Existing(Path.Combine(sysroot, "lib", "rustlib", Arm64Triple, "lib"), debianRust);

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

    private static void CopyWorkspace(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(directory);
            if (name is "target" or ".git")
                continue;
            CopyWorkspace(directory, Path.Combine(destination, name));
        }
    }
}
