using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Cargo;

/// <summary>Writes Rust projects (no crates.io dependencies) into a <see cref="TestDirectory"/> and loads them with cargo.</summary>
internal static class RustProject
{
    /// <summary>A package manifest at <c>folder/Cargo.toml</c> with <paramref name="extraToml"/> after <c>[package]</c>, and an empty <c>fn main</c> at src/main.rs.</summary>
    public static string Package(this TestDirectory directory, string folder, string name, string extraToml = "", bool withMain = true)
    {
        if (withMain)
            directory.Write(Path.Combine(folder, "src", "main.rs"), "fn main() {}\n");
        return directory.Write(Path.Combine(folder, "Cargo.toml"), $"""
            [package]
            name = "{name}"
            version = "0.1.0"
            edition = "2021"

            {extraToml}
            """);
    }

    /// <summary>Loads the workspace of <paramref name="relativeManifest"/> inside <paramref name="directory"/> (cargo metadata).</summary>
    public static Task<CargoWorkspace> LoadAsync(this TestDirectory directory, string relativeManifest = "Cargo.toml", CargoCommand? cargo = null) =>
        CargoWorkspace.LoadAsync(directory[relativeManifest], NullLogger.Instance, cargo);
}
