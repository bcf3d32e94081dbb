using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Tests.Checks;

/// <summary>Packages made by hand from real binaries, for Verify tests that need a package Package would refuse to write.</summary>
internal static class VerifyPackages
{
    /// <summary>A zip at <c>&lt;folder&gt;/&lt;arch&gt;/&lt;name&gt;/bootstrap.zip</c> holding <paramref name="entries"/>, as a package of <paramref name="binary"/> labelled with <paramref name="architecture"/> and <paramref name="runtime"/>.</summary>
    public static async Task<LambdaPackage> ZipAsync(string folder, string binary, LambdaArchitecture architecture, LambdaRuntime runtime, params ZipEntrySource[] entries)
    {
        var path = Path.Combine(folder, architecture.ToLambdaName(), "fn", "bootstrap.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var hashes = await BootstrapZip.WriteAsync(path, entries.Length > 0 ? entries : [new ZipEntrySource("bootstrap", binary, Executable: true)], DateTimeOffset.UnixEpoch.AddYears(20));
        return new LambdaPackage(Binary(binary, architecture, runtime), path, OutputFormat.Zip, hashes);
    }

    public static LambdaBinary Binary(string path, LambdaArchitecture architecture, LambdaRuntime runtime) =>
        new(new LambdaFunction("fn", "fn", "/nowhere/Cargo.toml"), architecture, RustTarget.For(architecture, runtime), LambdaCompiler.Cargo, path, "dev", ArtifactHashes.Of(path));
}
