using System.Text.RegularExpressions;

namespace Nuke.LambdaRust.Tests.Packaging;

/// <summary>What the real <c>readelf</c> says about a binary, parsed from its text output, to compare our reader against.</summary>
internal sealed partial record ReadElf(
    string Machine,
    string Class,
    string Data,
    string? Interpreter,
    IReadOnlyList<string> Needed,
    IReadOnlyList<Version> GlibcVersions)
{
    public static async Task<ReadElf> RunAsync(string path)
    {
        var header = await ExternalTool.RunAsync("readelf", "-h", "-W", path);
        var segments = await ExternalTool.RunAsync("readelf", "-l", "-W", path);
        var dynamic = await ExternalTool.RunAsync("readelf", "-d", "-W", path);
        var versions = await ExternalTool.RunAsync("readelf", "--version-info", "-W", path);

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
