namespace Nuke.LambdaRust.Pipeline;

/// <summary>The kind of value a <see cref="ParameterDefinition"/> takes.</summary>
public enum ParameterType
{
    /// <summary>Text; with <see cref="ParameterDefinition.AllowedValues"/> it is a choice (matched case-insensitively).</summary>
    String,

    /// <summary><c>true</c> or <c>false</c>; a bare flag (<c>--release</c>) means <c>true</c>.</summary>
    Boolean,

    /// <summary>A whole number (32-bit).</summary>
    Integer,
}
