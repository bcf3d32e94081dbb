using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nuke.LambdaRust.Release;

/// <summary>
/// A release's <c>manifest.json</c>: the release's origin and tools, then every artifact sorted by function and
/// architecture, keys always in the same order, <c>\n</c> line ends, no time stamps, so the same inputs give the same bytes.
/// </summary>
/// <param name="Release">What it was built from and with.</param>
/// <param name="Artifacts">The zips.</param>
public sealed record ReleaseManifest(ReleaseInfo Release, IReadOnlyList<ReleaseArtifact> Artifacts)
{
    /// <summary>The file's name in a release folder.</summary>
    public const string FileName = "manifest.json";

    private const int FormatVersion = 1;

    /// <summary>The artifacts in the manifest's order.</summary>
    public IReadOnlyList<ReleaseArtifact> Sorted =>
        [.. Artifacts.OrderBy(a => a.Function, StringComparer.Ordinal).ThenBy(a => a.Architecture, StringComparer.Ordinal)];

    /// <summary>The manifest's text.</summary>
    public string Render()
    {
        var json = new JsonObject
        {
            ["formatVersion"] = FormatVersion,
            ["release"] = new JsonObject
            {
                ["commit"] = Release.Commit,
                ["dirty"] = Release.Dirty,
                ["versions"] = new JsonObject
                {
                    ["rustc"] = ByArchitecture(Release.Rustc),
                    ["cargo"] = ByArchitecture(Release.Cargo),
                    ["zig"] = Release.Zig,
                    ["lambdaRust"] = Release.LambdaRust,
                },
            },
            ["artifacts"] = new JsonArray(Sorted.Select(a => (JsonNode)new JsonObject
            {
                ["function"] = a.Function,
                ["package"] = a.Package,
                ["version"] = a.Version,
                ["architecture"] = a.Architecture,
                ["runtime"] = a.Runtime,
                ["zip"] = a.Zip,
                ["size"] = a.Size,
                ["sha256"] = a.Sha256,
                ["codeSha256"] = a.CodeSha256,
                ["glibc"] = a.Glibc,
                ["binarySha256"] = a.BinarySha256,
            }).ToArray()),
        };
        var text = json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return text.ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>Reads a manifest this library wrote; a clear error naming the file otherwise.</summary>
    public static ReleaseManifest Read(string path)
    {
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path, Encoding.UTF8)) ?? throw new JsonException("the file is empty");
            var release = root["release"] ?? throw new JsonException("it has no \"release\"");
            var versions = release["versions"] ?? throw new JsonException("it has no \"release.versions\"");
            var info = new ReleaseInfo(
                (string?)release["commit"], (bool?)release["dirty"] ?? false, Map(versions, "rustc"), Map(versions, "cargo"),
                (string?)versions["zig"], Required(versions, "lambdaRust"));
            var artifacts = (root["artifacts"] as JsonArray ?? throw new JsonException("it has no \"artifacts\" list"))
                .Select(a => a ?? throw new JsonException("an artifact is null"))
                .Select(a => new ReleaseArtifact(
                    Required(a, "function"), Required(a, "package"), Required(a, "version"), Required(a, "architecture"), Required(a, "runtime"),
                    Required(a, "zip"), (long?)a["size"] ?? throw new JsonException("an artifact has no \"size\""), Required(a, "sha256"),
                    Required(a, "codeSha256"), (string?)a["glibc"], Required(a, "binarySha256")))
                .ToList();
            return new ReleaseManifest(info, artifacts);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException or IOException or UnauthorizedAccessException)
        {
            throw new LambdaRustException(
                $"{path} is not a release manifest this tool can read: {exception.Message}",
                "Point at the output folder of a Release run (it holds manifest.json, SHA256SUMS and the zips); release it again if the file was changed.",
                exception);
        }
    }

    private static JsonObject ByArchitecture(IReadOnlyDictionary<string, string> values)
    {
        var json = new JsonObject();
        foreach (var (architecture, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
            json[architecture] = value;
        return json;
    }

    private static IReadOnlyDictionary<string, string> Map(JsonNode node, string key) =>
        (node[key] as JsonObject ?? throw new JsonException($"\"{key}\" is not an object of architecture to version"))
        .ToDictionary(p => p.Key, p => (string?)p.Value ?? throw new JsonException($"\"{key}.{p.Key}\" is not a string"), StringComparer.Ordinal);

    private static string Required(JsonNode node, string key) =>
        (string?)node[key] ?? throw new JsonException($"\"{key}\" is missing");
}
