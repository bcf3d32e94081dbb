using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Packaging;

/// <summary>
/// Where packages go. A run for one architecture writes where cargo-lambda does (<see cref="OutputLayout.CargoLambda"/>):
/// <c>&lt;lambda dir&gt;/&lt;bin&gt;/bootstrap.zip</c> (or <c>bootstrap</c>), <c>&lt;lambda dir&gt;/extensions/&lt;bin&gt;.zip</c>
/// for extensions and <c>&lt;lambda dir&gt;/bootstrap.zip</c> for the one flattened function. cargo-lambda writes there
/// whatever the architecture, so its arm64 and x86_64 builds overwrite each other; a run for both architectures puts an
/// architecture folder first (<see cref="OutputLayout.ByArchitecture"/>): <c>&lt;lambda dir&gt;/&lt;arch&gt;/...</c>, with
/// arch <c>arm64</c> or <c>x86_64</c>.
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
    /// <param name="lambdaDirectory">The lambda directory.</param>
    /// <param name="architecture">The binary's architecture.</param>
    /// <param name="name">The function (bin target).</param>
    /// <param name="extension">It is a Lambda extension (flattening does not apply, as in cargo-lambda).</param>
    /// <param name="format">Zip or bare binary.</param>
    /// <param name="layout">With or without an architecture folder.</param>
    /// <param name="flatten">cargo-lambda's flatten: the function's bootstrap sits directly in the (architecture's) lambda directory.</param>
    public static string PathFor(
        string lambdaDirectory, LambdaArchitecture architecture, string name, bool extension, OutputFormat format,
        OutputLayout layout = OutputLayout.ByArchitecture, bool flatten = false)
    {
        var root = layout == OutputLayout.ByArchitecture ? Path.Combine(lambdaDirectory, architecture.ToLambdaName()) : lambdaDirectory;
        var bootstrap = format == OutputFormat.Zip ? "bootstrap.zip" : "bootstrap";
        if (extension)
            return Path.Combine(root, "extensions", format == OutputFormat.Zip ? name + ".zip" : name);
        return flatten ? Path.Combine(root, bootstrap) : Path.Combine(root, name, bootstrap);
    }

    /// <summary>The path of the executable inside the zip: <c>bootstrap</c>, <c>extensions/&lt;name&gt;</c>, or <c>&lt;name&gt;</c> for an internal extension.</summary>
    public static string EntryFor(string name, bool extension, bool internalExtension) =>
        !extension ? "bootstrap" : internalExtension ? name : "extensions/" + name;
}
