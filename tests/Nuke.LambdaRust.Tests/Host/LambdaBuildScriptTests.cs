using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Tests.Host;

/// <summary>
/// A temporary copy of this repository's build (build.sh, build/, source/, .nuke/parameters.json and the example
/// workspace), built once by running its real <c>./build.sh --help</c>.
/// </summary>
public sealed class BuildScriptCopy : IDisposable
{
    private readonly TestDirectory _directory = new("repo copy");
    private readonly Lazy<Task> _built;

    public BuildScriptCopy()
    {
        var repository = ExampleWorkspace.RepositoryRoot();
        foreach (var file in new[] { "build.sh", "global.json", "Directory.Build.props", "Directory.Packages.props", ".nuke/parameters.json" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Root, file))!);
            File.Copy(Path.Combine(repository, file), Path.Combine(Root, file));
        }

        CopyTree(Path.Combine(repository, "build"), Path.Combine(Root, "build"));
        CopyTree(Path.Combine(repository, "source"), Path.Combine(Root, "source"));
        ExampleWorkspace.CopyTo(Path.Combine(Root, "examples", "lambda-workspace"));
        _built = new Lazy<Task>(() => RunBuildScriptAsync("--help"));
    }

    public string Root => _directory.Path;

    public string Workspace => Path.Combine(Root, "examples", "lambda-workspace");

    /// <summary>The build program <c>./build.sh</c> publishes and runs.</summary>
    public string HostAssembly => Path.Combine(Root, ".nuke", "temp", "build-host", "_build.dll");

    public Task EnsureBuiltAsync() => _built.Value;

    /// <summary>Runs <c>./build.sh</c> with the arguments; a non-zero exit fails with its output.</summary>
    public async Task<ToolResult> RunBuildScriptAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(new ToolInvocation(Path.Combine(Root, "build.sh"), arguments)
        {
            WorkingDirectory = Root,
            Environment = new Dictionary<string, string?> { ["ZIG"] = TestTools.Zig() },
        }, NullLogger.Instance, onOutput: _ => { }, checkExitCode: false);
        Assert.True(result.ExitCode == 0, string.Join(Environment.NewLine, result.StandardOutput.Concat(result.StandardError)));
        return result;
    }

    public void Dispose() => _directory.Dispose();

    private static void CopyTree(string source, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(destination, relative))!);
            File.Copy(file, Path.Combine(destination, relative));
        }
    }
}

/// <summary>The real bootstrap script and the real host process, as a user runs them.</summary>
public class LambdaBuildScriptTests(BuildScriptCopy copy) : IClassFixture<BuildScriptCopy>
{
    [Fact]
    public async Task Build_sh_compiles_arm64_then_packages_both_architectures()
    {
        await copy.EnsureBuiltAsync();

        await copy.RunBuildScriptAsync("Compile", "--arch", "arm64");
        Assert.True(File.Exists(Path.Combine(copy.Workspace, "target", "aarch64-unknown-linux-gnu", "debug", "hello")));

        var package = await copy.RunBuildScriptAsync("Package", "--arch", "arm64", "x86_64");
        foreach (var architecture in new[] { "arm64", "x86_64" })
        {
            foreach (var function in new[] { "hello", "goodbye", "echo" })
                Assert.True(File.Exists(Path.Combine(copy.Workspace, "target", "lambda", architecture, function, "bootstrap.zip")), $"{architecture}/{function}");
        }

        Assert.Contains(package.StandardOutput, l => l.Contains("6 zips", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SIGINT_during_a_cargo_build_kills_cargo_leaves_no_files_and_exits_130()
    {
        await copy.EnsureBuiltAsync();
        using var project = new TestDirectory();
        var marker = project["build-script.pid"];
        project.Write("Cargo.toml", "[package]\nname = \"slow\"\nversion = \"0.1.0\"\nedition = \"2021\"\n");
        project.Write("src/main.rs", "fn main() {}\n");
        // A build script that reports its pid, then outlives any test: only a killed process tree ends it early.
        project.Write("build.rs", $$"""
            fn main() {
                std::fs::write(r"{{marker}}", std::process::id().to_string()).unwrap();
                std::thread::sleep(std::time::Duration::from_secs(600));
            }
            """);

        var host = copy.HostAssembly;
        // Started through `env --default-signal=INT`: a test runner launched from a background shell job inherits SIGINT
        // as ignored, and a terminal's Ctrl+C reaches a process whose SIGINT is at its default.
        var start = new ProcessStartInfo(TestTools.Require("env")) { WorkingDirectory = copy.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--default-signal=INT", "dotnet", host, "Package", "--compiler", "cargo", "--arch", "x86_64", "--manifest-path", project["Cargo.toml"] })
            start.ArgumentList.Add(argument);
        using var process = new Process { StartInfo = start };
        var lines = new List<string>();
        process.OutputDataReceived += (_, e) => { lock (lines) lines.Add(e.Data ?? ""); };
        process.ErrorDataReceived += (_, e) => { lock (lines) lines.Add(e.Data ?? ""); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string Output() { lock (lines) return string.Join(Environment.NewLine, lines); }

        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!File.Exists(marker) || (await File.ReadAllTextAsync(marker)).Length == 0)
        {
            Assert.False(process.HasExited, "the host ended before the build script started: " + Output());
            Assert.True(DateTime.UtcNow < deadline, "the build script did not start within 3 minutes: " + Output());
            await Task.Delay(100);
        }

        var buildScript = int.Parse(await File.ReadAllTextAsync(marker));
        await TestTools.RunAsync("kill", "-INT", process.Id.ToString());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(130, process.ExitCode);
        Assert.False(IsRunning(buildScript), "the build script (a grandchild of cargo) is still running");
        process.WaitForExit(); // drains the output events
        Assert.Contains("Aborted", Output());
        Assert.False(Directory.Exists(project["target/lambda"]));
        Assert.Empty(Directory.EnumerateFiles(project.Path, "*.tmp", SearchOption.AllDirectories));
    }

    /// <summary>A killed orphan may stay a zombie until PID 1 reaps it (containers often never do); it no longer runs.</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].FirstOrDefault() != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
