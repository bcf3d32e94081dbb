using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Tests.Packaging;

/// <summary>
/// Runs the real tools the packaging tests compare against. A missing tool fails the test with what to install;
/// it never skips.
/// </summary>
internal static class ExternalTool
{
    private static readonly Dictionary<string, string> Packages = new()
    {
        ["zipinfo"] = "unzip (apt-get install unzip)",
        ["unzip"] = "unzip (apt-get install unzip)",
        ["python3"] = "python3 (apt-get install python3)",
        ["sha256sum"] = "coreutils (apt-get install coreutils)",
        ["readelf"] = "binutils (apt-get install binutils)",
        ["aarch64-linux-gnu-gcc"] = "the AArch64 cross compiler (apt-get install gcc-aarch64-linux-gnu)",
        ["aarch64-linux-gnu-as"] = "the AArch64 cross binutils (apt-get install binutils-aarch64-linux-gnu)",
        ["aarch64-linux-gnu-ld"] = "the AArch64 cross binutils (apt-get install binutils-aarch64-linux-gnu)",
        ["x86_64-linux-gnu-as"] = "the x86-64 binutils (apt-get install binutils-x86-64-linux-gnu)",
        ["x86_64-linux-gnu-ld"] = "the x86-64 binutils (apt-get install binutils-x86-64-linux-gnu)",
    };

    /// <summary>The full path of <paramref name="name"/> on PATH; fails the test when it is missing.</summary>
    public static string Require(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
                return candidate;
        }

        Assert.Fail($"The test needs '{name}' on PATH but it is missing. Install {Packages.GetValueOrDefault(name, $"'{name}'")}.");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Runs the tool to its end; a non-zero exit fails the test with the tool's error output.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(string name, params string[] arguments) =>
        (await ProcessRunner.RunAsync(new ToolInvocation(Require(name), arguments), NullLogger.Instance)).StandardOutput;

    /// <summary>Runs <c>python3 -c</c> with a script and arguments; returns standard output.</summary>
    public static Task<IReadOnlyList<string>> PythonAsync(string script, params string[] arguments) =>
        RunAsync("python3", ["-c", script, .. arguments]);
}
