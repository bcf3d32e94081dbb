using Nuke.LambdaRust.Tests.Support;
using Xunit.Sdk;

namespace Nuke.LambdaRust.Tests.Cake;

/// <summary>The Cake tests share one restored Cake and run one after the other: each run compiles its script with Roslyn.</summary>
[CollectionDefinition(nameof(CakeCollection))]
public sealed class CakeCollection : ICollectionFixture<CakeRunner>;

/// <summary>What a <c>dotnet cake</c> run did: its exit code and everything it printed (stdout and stderr, no colours).</summary>
public sealed record CakeRun(int ExitCode, string Output)
{
    public override string ToString() => $"exit code {ExitCode}{Environment.NewLine}{Output}";
}

/// <summary>
/// The real Cake runner, <c>dotnet cake</c> 7.0.0 as the repository's tool manifest (<c>.config/dotnet-tools.json</c>)
/// pins it, restored once (<c>dotnet tool restore</c>, as on a fresh clone), and the addin as the solution built it.
/// A script runs in a folder of its own with a copy of the manifest, so Cake's tools and addins folders are its own too.
/// Anything missing fails the test with what to do; nothing is skipped.
/// </summary>
public sealed class CakeRunner
{
    /// <summary>The cake.tool version the manifest must pin.</summary>
    public const string CakeVersion = "7.0.0";

    public CakeRunner()
    {
        var root = ExampleWorkspace.RepositoryRoot();
        Manifest = TestTools.Existing(Path.Combine(root, ".config", "dotnet-tools.json"), "Restore the repository's tool manifest (git checkout .config).");
        var (exitCode, output, error) = TestTools.Run("dotnet", ["tool", "restore"], Environment(), root);
        if (exitCode != 0)
            throw FailException.ForFailure($"dotnet tool restore failed in {root} (exit code {exitCode}); cake.tool {CakeVersion} is needed:{System.Environment.NewLine}{output}{error}");

        // The test assembly's folder is tests/<project>/bin/<configuration>/<tfm>/; the addin is built in the same configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        AddinAssembly = TestTools.Existing(Path.Combine(root, "source", "Cake.LambdaRust", "bin", configuration, "net10.0", "Cake.LambdaRust.dll"),
            "Build the solution (dotnet build Nuke.LambdaRust.sln); the test project builds the addin first.");
    }

    /// <summary>The repository's tool manifest.</summary>
    public string Manifest { get; }

    /// <summary>The built addin (our core and its dependencies beside it).</summary>
    public string AddinAssembly { get; }

    /// <summary>
    /// Writes <paramref name="script"/> as <c>build.cake</c> into <paramref name="folder"/> and runs <c>dotnet cake build.cake</c>
    /// there with <paramref name="arguments"/>; <paramref name="environment"/> adds variables (a null value removes one).
    /// </summary>
    public CakeRun Run(string folder, string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        Directory.CreateDirectory(Path.Combine(folder, ".config"));
        File.Copy(Manifest, Path.Combine(folder, ".config", "dotnet-tools.json"), overwrite: true);
        File.WriteAllText(Path.Combine(folder, "build.cake"), script.ReplaceLineEndings("\n"));
        var variables = Environment();
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            variables[name] = value;
        var (exitCode, output, error) = TestTools.Run("dotnet", ["cake", "build.cake", .. arguments], variables, folder);
        return new CakeRun(exitCode, output + error);
    }

    /// <summary><c>#r</c> on the built addin, as a script's first line.</summary>
    public string ReferenceDirective => $"#r \"{AddinAssembly}\"";

    private static Dictionary<string, string?> Environment() => new()
    {
        ["NO_COLOR"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
    };
}
