namespace Nuke.LambdaRust.Host;

/// <summary>The host's resolved parameters (command line, environment, parameters.json) as the pipeline reads them.</summary>
internal sealed class ContextParameterReader(TargetContext context) : IParameterReader
{
    public bool IsSet(string name) => context.Parameters.IsSet(name);

    public string? Get(string name) => context.Parameters.Find(name).Value is { } value ? ParameterParsing.Format(value) : null;

    public IReadOnlyList<string> GetList(string name) => context.Parameters.GetList<string>(name);

    public string Spelling(string name) => context.Parameters.Find(name).Definition.CommandLineName;
}
