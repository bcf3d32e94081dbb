namespace Nuke.LambdaRust.Model;

/// <summary>Parsing for <see cref="LambdaCompiler"/>: our names and cargo-lambda's.</summary>
public static class LambdaCompilers
{
    /// <summary>
    /// Parses <c>zig</c>/<c>zigbuild</c>/<c>cargo_zigbuild</c>/<c>cargo-zigbuild</c>, <c>cargo</c> and <c>cross</c>
    /// (case-insensitive). Unlike cargo-lambda, an unknown name is an error, never a silent fallback to zig.
    /// </summary>
    public static LambdaCompiler Parse(string value, string source = "compiler") =>
        value.Trim().ToLowerInvariant() switch
        {
            "zig" or "zigbuild" or "cargo_zigbuild" or "cargo-zigbuild" => LambdaCompiler.Zig,
            "cargo" => LambdaCompiler.Cargo,
            "cross" => LambdaCompiler.Cross,
            _ => throw new LambdaRustException(
                $"Unknown compiler '{value}' ({source}).",
                "Use one of: zig (alias cargo_zigbuild), cargo, cross."),
        };

    /// <summary>The name we print: <c>zig</c>, <c>cargo</c> or <c>cross</c>.</summary>
    public static string ToName(this LambdaCompiler compiler) => compiler.ToString().ToLowerInvariant();
}
