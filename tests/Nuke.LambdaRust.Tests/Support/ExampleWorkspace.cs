namespace Nuke.LambdaRust.Tests.Support;

/// <summary>The repository's example Cargo workspace (<c>examples/lambda-workspace</c>), found from the test assembly.</summary>
internal static class ExampleWorkspace
{
    /// <summary>The folder holding <c>Nuke.LambdaRust.sln</c>, found upwards from the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Nuke.LambdaRust.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException($"Nuke.LambdaRust.sln was not found above {AppContext.BaseDirectory}.");
    }

    /// <summary><c>&lt;repository&gt;/examples/lambda-workspace</c>.</summary>
    public static string Locate()
    {
        var workspace = Path.Combine(RepositoryRoot(), "examples", "lambda-workspace");
        return File.Exists(Path.Combine(workspace, "Cargo.toml"))
            ? workspace
            : throw new InvalidOperationException($"{workspace} has no Cargo.toml.");
    }

    /// <summary>Copies the example into <paramref name="destination"/>, leaving out build output (<c>target/</c>) and <c>.git</c>.</summary>
    public static void CopyTo(string destination) => Copy(Locate(), destination);

    /// <summary>
    /// Copies the Invoke fixtures (<c>tests/fixtures/invoke-functions</c>) into <paramref name="root"/> with the example
    /// workspace beside them where their path dependency on lambda-lite expects it; returns the fixtures' Cargo.toml.
    /// </summary>
    public static string CopyInvokeFixturesTo(string root)
    {
        var fixtures = Path.Combine(root, "tests", "fixtures", "invoke-functions");
        Copy(Path.Combine(RepositoryRoot(), "tests", "fixtures", "invoke-functions"), fixtures);
        CopyTo(Path.Combine(root, "examples", "lambda-workspace"));
        return Path.Combine(fixtures, "Cargo.toml");
    }

    /// <summary>
    /// Copies the Release fixture (<c>tests/fixtures/release-monorepo</c>) into <paramref name="root"/> with the example
    /// workspace beside it where its path dependency on lambda-lite expects it; returns the fixture's folder.
    /// </summary>
    public static string CopyReleaseMonorepoTo(string root)
    {
        var fixture = Path.Combine(root, "tests", "fixtures", "release-monorepo");
        Copy(Path.Combine(RepositoryRoot(), "tests", "fixtures", "release-monorepo"), fixture);
        CopyTo(Path.Combine(root, "examples", "lambda-workspace"));
        return fixture;
    }

    private static void Copy(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(directory);
            if (name is "target" or ".git")
                continue;
            Copy(directory, Path.Combine(destination, name));
        }
    }
}
