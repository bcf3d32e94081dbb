namespace Nuke.LambdaRust.Model;

/// <summary>What packaging writes for a function.</summary>
public enum OutputFormat
{
    /// <summary><c>bootstrap.zip</c>, ready to upload.</summary>
    Zip,

    /// <summary>A bare <c>bootstrap</c> executable.</summary>
    Binary,
}
