namespace Nuke.LambdaRust.Host;

/// <summary>A parameter's resolved value and where it came from.</summary>
/// <param name="Definition">The parameter.</param>
/// <param name="Value">Null, a <see cref="string"/>, <see cref="bool"/> or <see cref="int"/>, or for a list an <c>IReadOnlyList&lt;object&gt;</c> of them.</param>
/// <param name="Source">E.g. <c>--arch</c>, <c>environment variable ARCH</c>; null when the value is the default.</param>
internal sealed record ParameterValue(ParameterDefinition Definition, object? Value, string? Source)
{
    public bool IsSet => Source is not null;

    /// <summary>The value as shown in verbose logs; secrets are never shown.</summary>
    public string Display => Definition.IsSecret
        ? (Value is null ? "(not set)" : "(secret)")
        : ParameterParsing.Format(Value);
}
