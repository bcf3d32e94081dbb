using System.Text.Json;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Checks;

/// <summary>
/// The shared libraries each Lambda OS-only runtime ships, read from the data file embedded in this assembly
/// (<c>Checks/runtime-libraries.json</c>), where every entry cites its sources and says whether it is established or
/// inferred. A library not listed as present is one the runtime does not ship.
/// </summary>
public sealed class RuntimeLibraries
{
    private const string ResourceName = "Nuke.LambdaRust.Checks.runtime-libraries.json";
    private static readonly Lazy<(Dictionary<string, RuntimeLibraries> Runtimes, Dictionary<string, string> Sources)> Data = new(Load);

    private readonly Dictionary<string, RuntimeLibrary> _libraries;

    private RuntimeLibraries(LambdaRuntime runtime, Dictionary<string, RuntimeLibrary> libraries)
    {
        Runtime = runtime;
        _libraries = libraries;
    }

    /// <summary>The runtime these libraries belong to.</summary>
    public LambdaRuntime Runtime { get; }

    /// <summary>Every library the data names for this runtime, present and absent, by soname.</summary>
    public IReadOnlyCollection<RuntimeLibrary> All => _libraries.Values;

    /// <summary>The libraries of <paramref name="runtime"/>.</summary>
    /// <exception cref="LambdaRustException">The data has no entry for the runtime.</exception>
    public static RuntimeLibraries For(LambdaRuntime runtime) =>
        Data.Value.Runtimes.TryGetValue(runtime.Identifier, out var libraries)
            ? libraries
            : throw new LambdaRustException($"No library list for the runtime '{runtime.Identifier}'.", "Use provided.al2023 or provided.al2.");

    /// <summary>The citation of a source id (<c>S4</c>): where the fact comes from.</summary>
    public static string Source(string id) => Data.Value.Sources.GetValueOrDefault(id, id);

    /// <summary>True when the runtime ships <paramref name="soname"/>.</summary>
    public bool Ships(string soname) => _libraries.TryGetValue(soname, out var library) && library.Present;

    /// <summary>What the data says about <paramref name="soname"/>; null when it names it neither way.</summary>
    public RuntimeLibrary? Find(string soname) => _libraries.GetValueOrDefault(soname);

    /// <summary>True when the runtime ships a library for cargo's <c>links = "<paramref name="linksName"/>"</c> key (<c>z</c> → <c>libz.so.1</c>).</summary>
    public bool ShipsLinksName(string linksName) =>
        NativeLibraryNames.SonamePrefixes(linksName).Any(prefix => _libraries.Values.Any(l => l.Present && l.Soname.StartsWith(prefix, StringComparison.Ordinal)));

    private static (Dictionary<string, RuntimeLibraries>, Dictionary<string, string>) Load()
    {
        using var stream = typeof(RuntimeLibraries).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var sources = root.GetProperty("sources").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
        var runtimes = new Dictionary<string, RuntimeLibraries>(StringComparer.Ordinal);
        foreach (var entry in root.GetProperty("runtimes").EnumerateObject())
        {
            var runtime = LambdaRuntime.Parse(entry.Name);
            var libraries = new Dictionary<string, RuntimeLibrary>(StringComparer.Ordinal);
            foreach (var (list, present) in new[] { ("present", true), ("absent", false) })
            {
                foreach (var library in entry.Value.GetProperty(list).EnumerateArray())
                {
                    var soname = library.GetProperty("soname").GetString()!;
                    libraries[soname] = new RuntimeLibrary(
                        soname,
                        present,
                        library.GetProperty("status").GetString() == "established",
                        library.GetProperty("sources").EnumerateArray().Select(s => s.GetString()!).ToList(),
                        library.GetProperty("note").GetString() ?? "");
                }
            }

            runtimes[runtime.Identifier] = new RuntimeLibraries(runtime, libraries);
        }

        return (runtimes, sources);
    }
}
