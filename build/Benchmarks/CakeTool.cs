using Nuke.LambdaRust.Host;
using Nuke.LambdaRust.Processes;

namespace Build.Benchmarks;

/// <summary>
/// Cake 7.0.0 for the start-up comparison: <c>dotnet tool install</c> into a tool path of its own inside the tools cache
/// (installed once, shared by every clone), run on an empty script.
/// </summary>
internal static class CakeTool
{
    public const string Version = "7.0.0";

    public static async Task<string> EnsureAsync(TargetContext context, string toolsDirectory, CancellationToken cancellationToken)
    {
        var toolPath = Path.Combine(toolsDirectory, $"cake.tool-{Version}");
        var executable = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "dotnet-cake.exe" : "dotnet-cake");
        if (!File.Exists(executable))
        {
            await ProcessRunner.RunAsync(new ToolInvocation("dotnet", ["tool", "install", "cake.tool", "--version", Version, "--tool-path", toolPath]),
                context.Logger, cancellationToken, fixOnFailure: "cake.tool 7.0.0 must be installable from this machine's NuGet sources for the start-up case.");
        }

        return executable;
    }
}
