using System.Text.Json;

namespace Nuke.LambdaRust.Tools;

/// <summary>Collects the executables cargo reports in its JSON messages (<c>compiler-artifact</c> with an <c>executable</c>).</summary>
internal sealed class CargoArtifacts
{
    private readonly Dictionary<string, string> _executables = new(StringComparer.Ordinal);

    /// <summary>Executables by binary target name.</summary>
    public IReadOnlyDictionary<string, string> Executables => _executables;

    /// <summary>Reads one stdout line; returns false when it is not a cargo JSON message (so it can be logged instead).</summary>
    public bool Read(string line)
    {
        if (!line.StartsWith('{'))
            return false;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (!root.TryGetProperty("reason", out var reason))
                return false;
            if (reason.GetString() == "compiler-artifact"
                && root.TryGetProperty("executable", out var executable) && executable.ValueKind == JsonValueKind.String
                && root.TryGetProperty("target", out var target)
                && target.TryGetProperty("kind", out var kinds)
                && kinds.EnumerateArray().Any(k => k.GetString() == "bin"))
            {
                _executables[target.GetProperty("name").GetString()!] = executable.GetString()!;
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
