using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Processes;

namespace Build.Benchmarks;

/// <summary>What the figures came from: the machine (cores, memory, load when the run started) and each tool's version.</summary>
internal static class MachineFacts
{
    /// <summary>GNU time (Debian's <c>time</c> package), not the shell keyword: it reports a process's peak memory.</summary>
    public const string GnuTime = "/usr/bin/time";

    public static async Task<string> DescribeAsync(IReadOnlyList<(string Tool, string FileName, string[] Arguments)> tools, CancellationToken cancellationToken)
    {
        var lines = new List<string>
        {
            $"- Machine: {FirstValue("/proc/cpuinfo", "model name") ?? "unknown CPU"}, {Environment.ProcessorCount} cores, " +
            $"{MemoryGiB()} GiB memory, {FirstValue("/etc/os-release", "PRETTY_NAME")?.Trim('"') ?? Environment.OSVersion.ToString()}",
            $"- Load average when the run started: {Read("/proc/loadavg")?.Split(' ').Take(3).Aggregate((a, b) => $"{a} {b}") ?? "unknown"}",
            $"- Run at {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC",
        };
        foreach (var (tool, fileName, arguments) in tools)
            lines.Add($"- {tool}: {await VersionAsync(fileName, arguments, cancellationToken)}");
        return string.Join('\n', lines) + '\n';
    }

    private static async Task<string> VersionAsync(string fileName, string[] arguments, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ProcessRunner.RunAsync(new ToolInvocation(fileName, arguments), NullLogger.Instance, cancellationToken, onOutput: _ => { }, checkExitCode: false);
            var lines = result.StandardOutput.Concat(result.StandardError).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            // The first line with a version number (zip -v starts with its copyright), else the first line.
            return lines.FirstOrDefault(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"\d+\.\d+")) ?? lines.FirstOrDefault() ?? $"(exit code {result.ExitCode})";
        }
        catch (Nuke.LambdaRust.LambdaRustException exception)
        {
            return $"not available ({exception.Problem})";
        }
    }

    private static string MemoryGiB() =>
        FirstValue("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var kib, ..] && long.TryParse(kib, out var value)
            ? (value / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture)
            : "unknown";

    private static string? FirstValue(string file, string key) =>
        Read(file)?.Split('\n').Where(l => l.StartsWith(key, StringComparison.Ordinal))
            .Select(l => l[(l.IndexOfAny([':', '=']) + 1)..].Trim()).FirstOrDefault();

    private static string? Read(string file) => File.Exists(file) ? File.ReadAllText(file) : null;
}
