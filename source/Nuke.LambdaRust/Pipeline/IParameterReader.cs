namespace Nuke.LambdaRust.Pipeline;

/// <summary>
/// An engine's parameter values as text, by <see cref="LambdaParameters"/> name: what an adapter hands to
/// <see cref="PipelineSettings.FromParameters"/>. Our host reads them from its command line, environment and
/// <c>.nuke/parameters.json</c>; the Cake addin from Cake's arguments.
/// </summary>
public interface IParameterReader
{
    /// <summary>True when the user set the parameter (not only its default).</summary>
    bool IsSet(string name);

    /// <summary>A single value as text (<c>true</c>/<c>false</c> for a flag), or null when unset.</summary>
    string? Get(string name);

    /// <summary>A list's values (a single parameter gives zero or one).</summary>
    IReadOnlyList<string> GetList(string name);

    /// <summary>How a user spells the parameter in this engine, for error messages: <c>--arch</c>.</summary>
    string Spelling(string name);
}
