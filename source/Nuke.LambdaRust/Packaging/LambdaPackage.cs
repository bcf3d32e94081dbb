using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Packaging;

/// <summary>A packaged function: the zip (or bare <c>bootstrap</c>) and its hashes.</summary>
/// <param name="Binary">What was packaged.</param>
/// <param name="Path">The zip or bootstrap file.</param>
/// <param name="Format">Zip or binary.</param>
/// <param name="Hashes">Size, SHA-256 (hex) and Lambda's base64 <c>CodeSha256</c> of <paramref name="Path"/>.</param>
public sealed record LambdaPackage(LambdaBinary Binary, string Path, OutputFormat Format, ArtifactHashes Hashes)
{
    /// <summary>The function's name.</summary>
    public string Name => Binary.Name;

    /// <summary>The architecture it runs on.</summary>
    public LambdaArchitecture Architecture => Binary.Architecture;
}
