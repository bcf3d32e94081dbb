using System.Text.RegularExpressions;

namespace Nuke.LambdaRust.Tests.Support;

/// <summary>What the real <c>readelf</c> says about a binary, parsed from its text output: to compare our ELF reader against, and to check what a build linked.</summary>
internal sealed partial record ReadElf(
    string Machine,
    string Class,
    string Data,
    string? Interpreter,
    IReadOnlyList<string> Needed,
    IReadOnlyList<Version> GlibcVersions)
{
    /// <summary>The newest GLIBC_x.y version the binary needs, or null when it needs none (static, or not glibc).</summary>
    public Version? NewestGlibc => GlibcVersions.Count == 0 ? null : GlibcVersions[^1];

    /// <summary>Runs the real <c>readelf</c> on <paramref name="path"/>; a missing readelf or a failing run fails the test.</summary>
    public static async Task<ReadElf> RunAsync(string path)
    {
        var header = await TestTools.RunAsync("readelf", "-h", "-W", path);
        var segments = await TestTools.RunAsync("readelf", "-l", "-W", path);
        var dynamic = await TestTools.RunAsync("readelf", "-d", "-W", path);
        var versions = await TestTools.RunAsync("readelf", "--version-info", "-W", path);

        var interpreter = segments.Select(l => InterpreterLine().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
        var needed = dynamic.Select(l => NeededLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        var glibc = versions
            .SkipWhile(l => !l.StartsWith("Version needs section", StringComparison.Ordinal))
            .Select(l => GlibcNeedLine().Match(l))
            .Where(m => m.Success)
            .Select(m => Version.Parse(m.Groups[1].Value.Contains('.') ? m.Groups[1].Value : m.Groups[1].Value + ".0"))
            .Distinct()
            .Order()
            .ToList();
        return new ReadElf(HeaderField(header, "Machine"), HeaderField(header, "Class"), HeaderField(header, "Data"), interpreter, needed, glibc);
    }

    /// <summary>The strings of the <c>.comment</c> section: which compilers and linker made the binary.</summary>
    public static async Task<string> CommentAsync(string path) =>
        string.Join("\n", await TestTools.RunAsync("readelf", "-p", ".comment", path));

    private static string HeaderField(IReadOnlyList<string> header, string name) =>
        header.Select(l => l.Trim()).Where(l => l.StartsWith(name + ":", StringComparison.Ordinal))
            .Select(l => l[(name.Length + 1)..].Trim())
            .FirstOrDefault() ?? throw new InvalidOperationException($"readelf -h printed no '{name}:' line");

    [GeneratedRegex(@"\[Requesting program interpreter: (.+)\]")]
    private static partial Regex InterpreterLine();

    [GeneratedRegex(@"\(NEEDED\)\s+Shared library: \[(.+)\]")]
    private static partial Regex NeededLine();

    [GeneratedRegex(@"Name: GLIBC_(\d+(?:\.\d+)*)\s")]
    private static partial Regex GlibcNeedLine();
}
