using Nuke.LambdaRust.Cargo;
using Tomlyn.Model;

namespace Nuke.LambdaRust.Checks;

/// <summary>
/// Where crate sources are on this machine, for reading a dependency's own manifest without cargo: the directory
/// sources of the cargo configs that apply (a vendor folder, Debian's <c>/usr/share/cargo/registry</c>) and cargo's
/// registry cache (<c>$CARGO_HOME/registry/src/*</c>).
/// </summary>
internal sealed class CrateSources
{
    private readonly List<string> _folders;
    private readonly Dictionary<string, MemberManifest?> _read = new(StringComparer.Ordinal);

    private CrateSources(List<string> folders) => _folders = folders;

    /// <summary>The source folders for a workspace: its and its parents' <c>.cargo/config.toml</c>, then CARGO_HOME's.</summary>
    public static CrateSources For(string workspaceRoot)
    {
        var cargoHome = Environment.GetEnvironmentVariable("CARGO_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cargo");
        var configs = new List<string>();
        for (var directory = new DirectoryInfo(workspaceRoot); directory is not null; directory = directory.Parent)
            configs.AddRange(ConfigFiles(Path.Combine(directory.FullName, ".cargo")));
        configs.AddRange(ConfigFiles(cargoHome));

        var folders = new List<string>();
        foreach (var config in configs)
        {
            TomlTable table;
            try
            {
                table = CargoManifest.Read(config);
            }
            catch (LambdaRustException)
            {
                continue; // cargo itself reports a broken config; this is only a fallback
            }

            if (table.TryGetValue("source", out var value) && value is TomlTable sources)
            {
                foreach (var (_, source) in sources)
                {
                    if (source is TomlTable entry && entry.TryGetValue("directory", out var directory) && directory is string path)
                        folders.Add(Path.GetFullPath(path, Path.GetDirectoryName(Path.GetDirectoryName(config)!)!));
                }
            }
        }

        var registry = Path.Combine(cargoHome, "registry", "src");
        if (Directory.Exists(registry))
            folders.AddRange(Directory.EnumerateDirectories(registry));
        return new CrateSources(folders.Distinct().ToList());
    }

    /// <summary>The manifest of <paramref name="name"/> <paramref name="version"/>, when its source is here.</summary>
    public MemberManifest? Find(string name, string version)
    {
        var key = name + " " + version;
        if (_read.TryGetValue(key, out var known))
            return known;
        MemberManifest? manifest = null;
        foreach (var folder in _folders)
        {
            var path = Path.Combine(folder, $"{name}-{version}", "Cargo.toml");
            if (!File.Exists(path))
                continue;
            try
            {
                manifest = MemberManifest.Read(path);
                break;
            }
            catch (LambdaRustException)
            {
            }
        }

        return _read[key] = manifest;
    }

    private static IEnumerable<string> ConfigFiles(string folder) =>
        new[] { "config.toml", "config" }.Select(name => Path.Combine(folder, name)).Where(File.Exists).Take(1);
}
