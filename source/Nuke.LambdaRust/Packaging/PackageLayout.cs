using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Packaging;

/// <summary>
/// Where packages go. cargo-lambda writes <c>lambda/&lt;bin&gt;/bootstrap.zip</c> whatever the architecture, so an arm64
/// and an x86_64 build overwrite each other. We put the architecture first:
/// <c>&lt;lambda dir&gt;/&lt;arch&gt;/&lt;bin&gt;/bootstrap.zip</c> (or <c>bootstrap</c>) for functions and
/// <c>&lt;lambda dir&gt;/&lt;arch&gt;/extensions/&lt;bin&gt;.zip</c> for extensions, with arch <c>arm64</c> or <c>x86_64</c>.
/// </summary>
public static class PackageLayout
{
    /// <summary>
    /// The root of the output: an explicit directory (relative to the current directory), else the config's
    /// <c>lambda_dir</c> (relative to the workspace root), else <c>&lt;target dir&gt;/lambda</c>.
    /// </summary>
    public static string LambdaDirectory(string? explicitDirectory, LambdaBuildConfig config, string workspaceRoot, string targetDirectory) =>
        explicitDirectory is not null ? Path.GetFullPath(explicitDirectory)
        : config.LambdaDir is not null ? Path.GetFullPath(config.LambdaDir, workspaceRoot)
        : Path.Combine(targetDirectory, "lambda");

    /// <summary>The folders packaging writes into under a lambda directory, one per architecture.</summary>
    public static IEnumerable<string> ArchitectureDirectories(string lambdaDirectory) =>
        LambdaArchitectures.All.Select(a => Path.Combine(lambdaDirectory, a.ToLambdaName()));

    /// <summary>The file packaging writes for a function or extension.</summary>
    public static string PathFor(string lambdaDirectory, LambdaArchitecture architecture, string name, bool extension, OutputFormat format)
    {
        var architectureDirectory = Path.Combine(lambdaDirectory, architecture.ToLambdaName());
        if (extension)
            return Path.Combine(architectureDirectory, "extensions", format == OutputFormat.Zip ? name + ".zip" : name);
        return Path.Combine(architectureDirectory, name, format == OutputFormat.Zip ? "bootstrap.zip" : "bootstrap");
    }

    /// <summary>The path of the executable inside the zip: <c>bootstrap</c>, <c>extensions/&lt;name&gt;</c>, or <c>&lt;name&gt;</c> for an internal extension.</summary>
    public static string EntryFor(string name, bool extension, bool internalExtension) =>
        !extension ? "bootstrap" : internalExtension ? name : "extensions/" + name;
}
