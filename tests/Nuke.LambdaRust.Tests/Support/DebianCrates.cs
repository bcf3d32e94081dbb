namespace Nuke.LambdaRust.Tests.Support;

/// <summary>
/// Crate sources from Debian's <c>librust-*-dev</c> packages (<c>/usr/share/cargo/registry</c>), the only crate registry
/// these machines have: a fixture that needs crates gets a cargo config that builds from there, offline.
/// </summary>
internal static class DebianCrates
{
    public const string Registry = "/usr/share/cargo/registry";

    /// <summary>
    /// Writes <c>.cargo/config.toml</c> into <paramref name="workspace"/> so cargo takes crates.io crates from Debian's
    /// registry and never goes online; fails the test with what to install when a crate folder is missing.
    /// </summary>
    /// <param name="workspace">The fixture's copy.</param>
    /// <param name="crates">Crate folder prefixes that must be there (e.g. <c>cc-</c>), each with its Debian package.</param>
    public static void UseOffline(string workspace, params (string FolderPrefix, string DebianPackage)[] crates)
    {
        foreach (var (prefix, package) in crates)
        {
            var present = Directory.Exists(Registry) && Directory.EnumerateDirectories(Registry, prefix + "*").Any();
            if (!present)
                TestTools.Existing(Path.Combine(Registry, prefix + "<version>"), $"Install Debian's crate sources: apt-get install {package}.");
        }

        Directory.CreateDirectory(Path.Combine(workspace, ".cargo"));
        File.WriteAllText(Path.Combine(workspace, ".cargo", "config.toml"), $"""
            [source.crates-io]
            replace-with = "debian"

            [source.debian]
            directory = "{Registry}"

            [net]
            offline = true
            """);
    }

    /// <summary>The repository's <c>tests/fixtures/&lt;name&gt;</c> folder, copied into <paramref name="destination"/> without build output.</summary>
    public static string CopyFixture(string name, string destination)
    {
        var source = Path.Combine(ExampleWorkspace.RepositoryRoot(), "tests", "fixtures", name);
        Copy(source, destination);
        return destination;
    }

    private static void Copy(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        foreach (var directory in Directory.EnumerateDirectories(source).Where(d => Path.GetFileName(d) is not ("target" or ".git")))
            Copy(directory, Path.Combine(destination, Path.GetFileName(directory)));
    }
}
