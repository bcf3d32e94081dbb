using System.Diagnostics;
using System.Globalization;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Host;

/// <summary>Tests that start the copied repository's real host as processes of its own share one built copy.</summary>
[CollectionDefinition(nameof(HostProcessCollection))]
public sealed class HostProcessCollection : ICollectionFixture<BuildScriptCopy>;

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
    /// <param name="copy">The built repository copy.</param>
    /// <param name="arguments">The host's command line.</param>
    /// <param name="environment">Variables to set on top of this process's; a null value removes one.</param>
    public static HostProcess Start(BuildScriptCopy copy, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(TestTools.Require("env")) { WorkingDirectory = copy.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--default-signal=INT", "dotnet", copy.HostAssembly }.Concat(arguments))
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
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

    /// <summary>Waits until the host's output shows <paramref name="text"/>; fails when it exits first or past the guard of 3 minutes.</summary>
    public async Task WaitForOutputAsync(string text)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(Process.HasExited, $"the host ended without printing '{text}':{Environment.NewLine}{Output}");
            Assert.True(DateTime.UtcNow < deadline, $"the host did not print '{text}' within 3 minutes:{Environment.NewLine}{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits for the host to exit and returns its exit code. A guard, not a timing: past <paramref name="timeout"/>, or
    /// once its output shows any of <paramref name="failOn"/>, it is killed and the test fails with its output.
    /// </summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, params string[] failOn)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Process.HasExited)
        {
            var stuck = failOn.FirstOrDefault(text => Output.Contains(text, StringComparison.Ordinal));
            if (stuck is not null || DateTime.UtcNow > deadline)
            {
                Process.Kill(entireProcessTree: true);
                Assert.Fail($"{(stuck is not null ? $"the host printed '{stuck}'" : $"the host did not exit within {timeout}")}:{Environment.NewLine}{Output}");
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
