using System.Text.Json;
using Tomlyn.Model;

namespace Nuke.LambdaRust.Cargo;

/// <summary>Whether the project configures a cross image for a target (then we must not set cargo-lambda's default).</summary>
internal static class CrossConfiguration
{
    /// <summary>
    /// True when <c>Cross.toml</c> in the workspace root, <c>[workspace.metadata.cross.target.&lt;triple&gt;]</c> or a
    /// package's <c>[package.metadata.cross.target.&lt;triple&gt;]</c> sets an <c>image</c>.
    /// </summary>
    public static bool ConfiguresImage(CargoWorkspace workspace, string triple)
    {
        if (HasImage(workspace.WorkspaceMetadata, triple) || workspace.Packages.Any(p => HasImage(p.Metadata, triple)))
            return true;

        var crossToml = Path.Combine(workspace.WorkspaceRoot, "Cross.toml");
        if (!File.Exists(crossToml))
            return false;
        // Read reports a syntax error as Cross.toml:line:column with a fix, not as a bare parser exception.
        var table = CargoManifest.Read(crossToml);
        return table.TryGetValue("target", out var targets) && targets is TomlTable targetTable
            && targetTable.TryGetValue(triple, out var entry) && entry is TomlTable tripleTable
            && tripleTable.ContainsKey("image");
    }

    private static bool HasImage(JsonElement? metadata, string triple) =>
        metadata is { ValueKind: JsonValueKind.Object } root
        && root.TryGetProperty("cross", out var cross) && cross.ValueKind == JsonValueKind.Object
        && cross.TryGetProperty("target", out var target) && target.ValueKind == JsonValueKind.Object
        && target.TryGetProperty(triple, out var entry) && entry.ValueKind == JsonValueKind.Object
        && entry.TryGetProperty("image", out _);
}
