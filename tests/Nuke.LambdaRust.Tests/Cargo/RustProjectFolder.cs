using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Cargo;

namespace Nuke.LambdaRust.Tests.Cargo;

/// <summary>A unique temporary folder to write a Rust project into (no crates.io dependencies); deleted on dispose.</summary>
internal sealed class RustProjectFolder : IDisposable
{
    public RustProjectFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "lambdarust-cargo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    /// <summary>Writes a file (creating folders); returns its full path.</summary>
    public string Write(string relativePath, string content)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        return path;
    }

    /// <summary>A package manifest with the given extra TOML after <c>[package]</c>, and an empty <c>fn main</c> at src/main.rs.</summary>
    public string Package(string folder, string name, string extraToml = "", bool withMain = true)
    {
        if (withMain)
            Write(Path.Combine(folder, "src", "main.rs"), "fn main() {}\n");
        return Write(Path.Combine(folder, "Cargo.toml"), $"""
            [package]
            name = "{name}"
            version = "0.1.0"
            edition = "2021"

            {extraToml}
            """);
    }

    public Task<CargoWorkspace> LoadAsync(string relativeManifest = "Cargo.toml", CargoCommand? cargo = null) =>
        CargoWorkspace.LoadAsync(PathOf(relativeManifest), NullLogger.Instance, cargo);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
