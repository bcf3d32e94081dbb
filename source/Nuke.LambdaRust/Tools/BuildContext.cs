using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Cargo;

namespace Nuke.LambdaRust.Tools;

/// <summary>What a compiler strategy may consult while preparing one build group.</summary>
internal sealed record BuildContext(LambdaBuildSettings Settings, CargoWorkspace Workspace, ILogger Logger)
{
    /// <summary>The environment as the user set it: this process's, overlaid with the group's (config and code).</summary>
    public IReadOnlyDictionary<string, string?> UserEnvironment(BuildGroup group)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            environment[(string)entry.Key] = (string?)entry.Value;
        foreach (var (name, value) in group.Environment)
            environment[name] = value;
        return environment;
    }
}
