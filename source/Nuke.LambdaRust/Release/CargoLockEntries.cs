using Tomlyn.Model;

namespace Nuke.LambdaRust.Release;

/// <summary>
/// The <c>[[package]]</c> entries of a Cargo.lock, each by <c>name version source</c> with what pins it (checksum and
/// dependency list), so two versions of a lock file can be compared entry by entry.
/// </summary>
internal sealed class CargoLockEntries
{
    private readonly Dictionary<string, string> _pins;

    private CargoLockEntries(Dictionary<string, string> pins) => _pins = pins;

    /// <summary>No lock file: every entry is new.</summary>
    public static CargoLockEntries Empty { get; } = new([]);

    /// <summary>Parses a lock file's text; <paramref name="origin"/> names it in an error.</summary>
    public static CargoLockEntries Parse(string text, string origin)
    {
        var table = Cargo.CargoManifest.Parse(text, origin);
        var pins = new Dictionary<string, string>(StringComparer.Ordinal);
        if (table.TryGetValue("package", out var packages) && packages is TomlTableArray entries)
        {
            foreach (var entry in entries)
            {
                var key = Key(Text(entry, "name"), Text(entry, "version"), Text(entry, "source"));
                var dependencies = entry.TryGetValue("dependencies", out var list) && list is TomlArray array
                    ? string.Join(',', array.Select(d => d?.ToString()).Order(StringComparer.Ordinal))
                    : "";
                pins[key] = Text(entry, "checksum") + "|" + dependencies;
            }
        }

        return new CargoLockEntries(pins);
    }

    /// <summary>The key of a package as cargo metadata describes it.</summary>
    public static string Key(string name, string version, string? source) => $"{name} {version}{(string.IsNullOrEmpty(source) ? "" : $" ({source})")}";

    /// <summary>True when <paramref name="key"/> is pinned the same in both files.</summary>
    public bool SameAs(CargoLockEntries other, string key) =>
        _pins.TryGetValue(key, out var pin) && other._pins.TryGetValue(key, out var otherPin) && pin == otherPin;

    /// <summary>True when the file has an entry for <paramref name="key"/>.</summary>
    public bool Contains(string key) => _pins.ContainsKey(key);

    private static string Text(TomlTable entry, string key) => entry.TryGetValue(key, out var value) ? value?.ToString() ?? "" : "";
}
