using System.Diagnostics;
using System.Globalization;
using Nuke.LambdaRust.Processes;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Host;

/// <summary>
/// Signals to the real host process while cargo compiles: whatever arrives, in whatever rhythm, the host exits with 130
/// and leaves no process of its build behind — none running, none stopped — and the next build does not wait on a lock.
/// </summary>
public sealed class SignalRhythmTests(BuildScriptCopy copy) : IClassFixture<BuildScriptCopy>
{
    private const string RunMarker = "LAMBDA_RUST_SIGNAL_TEST_RUN";

    [Theory]
    [InlineData("SIGINT")]
    [InlineData("SIGINT 50ms SIGINT")]
    [InlineData("SIGINT 2s SIGTERM")]
    [InlineData("SIGTERM SIGTERM SIGTERM")]
    [InlineData("SIGHUP")]
    public async Task Signals_during_a_cargo_build_end_the_whole_process_tree_and_the_next_build_runs_without_waiting(string rhythm)
    {
        Assert.True(OperatingSystem.IsLinux(), "This test reads the process table from /proc.");
        await copy.EnsureBuiltAsync();
        using var project = new TestDirectory();
        WriteSlowWorkspace(project);
        var run = Guid.NewGuid().ToString("N");

        // rustc sleeps inside a proc macro and a build script sleeps beside it, both far longer than any test: only
        // ending the process tree ends them early.
        using (var host = HostProcess.Start(copy, ["Package", "--compiler", "cargo", "--arch", "x86_64", "--manifest-path", project["Cargo.toml"]],
                   new Dictionary<string, string>
                   {
                       [RunMarker] = run,
                       ["SLOW_RUSTC_PID_FILE"] = project["rustc.pid"],
                       ["SLOW_BUILD_SCRIPT_PID_FILE"] = project["build-script.pid"],
                   }))
        {
            var rustc = await host.WaitForPidFileAsync(project["rustc.pid"]);
            var buildScript = await host.WaitForPidFileAsync(project["build-script.pid"]);

            await SendAsync(host.Process, rhythm);
            var exitCode = await host.WaitForExitAsync(TimeSpan.FromMinutes(1));

            Assert.True(exitCode == 130, $"exit code {exitCode}:{Environment.NewLine}{host.Output}");
            var left = ProcessTable.LiveWithEnvironment(RunMarker, run);
            Assert.True(left.Count == 0, $"left running after '{rhythm}': {string.Join("; ", left)}");
            Assert.False(ProcessTable.IsLive(rustc), $"rustc {ProcessTable.Find(rustc)} is still there");
            Assert.False(ProcessTable.IsLive(buildScript), $"the build script {ProcessTable.Find(buildScript)} is still there");
        }

        using var next = HostProcess.Start(copy, ["Compile", "--compiler", "cargo", "--arch", "x86_64", "--manifest-path", project["Cargo.toml"]],
            new Dictionary<string, string> { [RunMarker] = run });
        var nextExit = await next.WaitForExitAsync(TimeSpan.FromMinutes(5), failOn: "Blocking waiting for file lock");
        Assert.True(nextExit == 0, $"the next build failed ({nextExit}):{Environment.NewLine}{next.Output}");
        Assert.DoesNotContain("waiting for another build", next.Output);
    }

    /// <summary>Sends the signals of a rhythm such as <c>SIGINT 50ms SIGINT</c>, while the host still runs.</summary>
    private static async Task SendAsync(Process host, string rhythm)
    {
        foreach (var step in rhythm.Split(' '))
        {
            if (step.EndsWith("ms", StringComparison.Ordinal))
                await Task.Delay(int.Parse(step[..^2], CultureInfo.InvariantCulture));
            else if (step.EndsWith('s'))
                await Task.Delay(TimeSpan.FromSeconds(int.Parse(step[..^1], CultureInfo.InvariantCulture)));
            else if (!host.HasExited)
                UnixSignals.Send(host.Id, step switch { "SIGINT" => UnixSignals.Interrupt, "SIGTERM" => UnixSignals.Terminate, _ => UnixSignals.Hangup });
        }
    }

    /// <summary>A workspace whose build keeps rustc (expanding a proc macro) and a build script busy while a test signals.</summary>
    private static void WriteSlowWorkspace(TestDirectory project)
    {
        project.Write("Cargo.toml", "[workspace]\nmembers = [\"slow\", \"slowlib\", \"wait\"]\nresolver = \"2\"\n");
        project.Write("wait/Cargo.toml", "[package]\nname = \"wait\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[lib]\nproc-macro = true\n");
        project.Write("wait/src/lib.rs", """
            use proc_macro::TokenStream;

            /// Runs inside rustc: with SLOW_RUSTC_PID_FILE set, it writes rustc's pid there and sleeps.
            #[proc_macro]
            pub fn wait(_: TokenStream) -> TokenStream {
                if let Ok(file) = std::env::var("SLOW_RUSTC_PID_FILE") {
                    std::fs::write(file, std::process::id().to_string()).unwrap();
                    std::thread::sleep(std::time::Duration::from_secs(600));
                }
                TokenStream::new()
            }
            """);
        project.Write("slowlib/Cargo.toml", "[package]\nname = \"slowlib\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nwait = { path = \"../wait\" }\n");
        project.Write("slowlib/src/lib.rs", "wait::wait!();\n\npub fn hello() {}\n");
        project.Write("slow/Cargo.toml", "[package]\nname = \"slow\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nslowlib = { path = \"../slowlib\" }\n");
        project.Write("slow/build.rs", """
            fn main() {
                println!("cargo:rerun-if-env-changed=SLOW_BUILD_SCRIPT_PID_FILE");
                if let Ok(file) = std::env::var("SLOW_BUILD_SCRIPT_PID_FILE") {
                    std::fs::write(file, std::process::id().to_string()).unwrap();
                    std::thread::sleep(std::time::Duration::from_secs(600));
                }
            }
            """);
        project.Write("slow/src/main.rs", "fn main() {\n    slowlib::hello();\n}\n");
    }
}

/// <summary>The copied repository's built host (<c>build/bin/.../_build.dll</c>) running as its own process, its output collected.</summary>
internal sealed class HostProcess : IDisposable
{
    private readonly List<string> _lines = [];

    private HostProcess(Process process) => Process = process;

    public Process Process { get; }

    public string Output
    {
        get
        {
            lock (_lines)
                return string.Join(Environment.NewLine, _lines);
        }
    }

    /// <summary>
    /// Starts the host through <c>env --default-signal=INT</c>: a test runner launched from a background shell job inherits
    /// SIGINT as ignored, and a terminal's Ctrl+C reaches a process whose SIGINT is at its default.
    /// </summary>
    public static HostProcess Start(BuildScriptCopy copy, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(TestTools.Require("env")) { WorkingDirectory = copy.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--default-signal=INT", "dotnet", Path.Combine(copy.Root, "build", "bin", "Debug", "net10.0", "_build.dll") }.Concat(arguments))
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        var host = new HostProcess(new Process { StartInfo = start });
        host.Process.OutputDataReceived += (_, e) => host.Add(e.Data);
        host.Process.ErrorDataReceived += (_, e) => host.Add(e.Data);
        host.Process.Start();
        host.Process.BeginOutputReadLine();
        host.Process.BeginErrorReadLine();
        return host;
    }

    /// <summary>The pid a build process wrote to <paramref name="file"/>; fails when the host ends first or nothing comes in 3 minutes.</summary>
    public async Task<int> WaitForPidFileAsync(string file)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (File.Exists(file) && int.TryParse(await File.ReadAllTextAsync(file), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                return pid;
            Assert.False(Process.HasExited, $"the host ended before {Path.GetFileName(file)} was written:{Environment.NewLine}{Output}");
            Assert.True(DateTime.UtcNow < deadline, $"{Path.GetFileName(file)} was not written within 3 minutes:{Environment.NewLine}{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits for the host to exit and returns its exit code. A guard, not a timing: past <paramref name="timeout"/>, or
    /// once its output shows <paramref name="failOn"/>, it is killed and the test fails with its output.
    /// </summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, string? failOn = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Process.HasExited)
        {
            var stuck = failOn is not null && Output.Contains(failOn, StringComparison.Ordinal);
            if (stuck || DateTime.UtcNow > deadline)
            {
                Process.Kill(entireProcessTree: true);
                Assert.Fail($"{(stuck ? $"the host printed '{failOn}'" : $"the host did not exit within {timeout}")}:{Environment.NewLine}{Output}");
            }

            await Task.Delay(100);
        }

        Process.WaitForExit(); // drains the output events
        return Process.ExitCode;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
            Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
            return;
        lock (_lines)
            _lines.Add(line);
    }
}
