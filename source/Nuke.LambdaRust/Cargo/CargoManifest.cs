using Tomlyn;
using Tomlyn.Model;

namespace Nuke.LambdaRust.Cargo;

/// <summary>Reads TOML files of a Cargo project (Cargo.toml, CargoLambda.toml) for what <c>cargo metadata</c> does not report.</summary>
public static class CargoManifest
{
    /// <summary>
    /// The keys that the workspace root's <c>[profile.release]</c> sets (for example <c>strip</c>, <c>lto</c>,
    /// <c>codegen-units</c>, <c>panic</c>), so that default release optimizations leave the user's choices alone, and
    /// whether it asks for debug info (any <c>debug</c> but <c>false</c>, <c>0</c> or <c>"none"</c>), which keeps the
    /// symbols: no strip is forced then, as cargo-lambda does.
    /// </summary>
    /// <param name="rootManifestPath">The workspace root's Cargo.toml (<see cref="CargoWorkspace.RootManifestPath"/>).</param>
    /// <exception cref="LambdaRustException">The file is missing or is not valid TOML (the message gives file:line:column).</exception>
    public static ReleaseProfile ReadReleaseProfile(string rootManifestPath)
    {
        var manifest = Read(rootManifestPath);
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        var debug = false;
        if (manifest.TryGetValue("profile", out var profiles) && profiles is TomlTable profileTable &&
            profileTable.TryGetValue("release", out var release) && release is TomlTable releaseTable)
        {
            foreach (var key in releaseTable.Keys)
                keys.Add(key);
            debug = releaseTable.TryGetValue("debug", out var value) && value switch
            {
                bool flag => flag,
                long level => level != 0,
                string name => name != "none",
                _ => true,
            };
        }

        return new ReleaseProfile(keys, debug);
    }

    /// <summary>Parses a TOML file; a syntax error becomes a <see cref="LambdaRustException"/> that reads <c>file:line:column: message</c>.</summary>
    internal static TomlTable Read(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw new LambdaRustException(
                $"No file at '{fullPath}'.",
                "Check the path; for a manifest pass the project's Cargo.toml with --manifest-path (ManifestPath in code).");

        return Parse(File.ReadAllText(fullPath), fullPath);
    }

    /// <summary>Parses TOML text that came from <paramref name="fullPath"/> (used in error messages).</summary>
    internal static TomlTable Parse(string text, string fullPath)
    {
        try
        {
            return TomlSerializer.Deserialize<TomlTable>(text, new TomlSerializerOptions { SourceName = fullPath })
                   ?? new TomlTable();
        }
        catch (TomlException exception)
        {
            throw new LambdaRustException(
                $"{Locate(exception, fullPath)}: {Describe(exception)}",
                $"Fix the TOML syntax in '{fullPath}' at the line and column given.",
                exception);
        }
    }

    private static string Locate(TomlException exception, string fullPath) =>
        exception.Line is { } line
            ? $"{fullPath}:{line}:{exception.Column ?? 1}"
            : fullPath;

    // Tomlyn's own message repeats the location; keep only what went wrong.
    private static string Describe(TomlException exception)
    {
        var first = exception.Diagnostics?.FirstOrDefault()?.Message;
        return string.IsNullOrWhiteSpace(first) ? exception.Message : first;
    }
}
