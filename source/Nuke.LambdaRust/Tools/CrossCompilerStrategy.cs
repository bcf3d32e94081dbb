using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Toolchain;

namespace Nuke.LambdaRust.Tools;

/// <summary>
/// <c>cross build</c>: checks first that cross and a running container engine exist (<see cref="CrossTooling"/>), and sets
/// cargo-lambda's default image unless the project configures one.
/// </summary>
internal static class CrossCompilerStrategy
{
    internal const string DefaultImageVersion = "0.2.5";

    public static async Task<CompilerInvocation> PrepareAsync(BuildContext context, BuildGroup group, CancellationToken cancellationToken)
    {
        var settings = (CrossBuildSettings)context.Settings;
        var userEnvironment = context.UserEnvironment(group);
        var tools = await CrossTooling.LocateAsync(settings.CrossPath, settings.ContainerEngine, userEnvironment, context.Logger, cancellationToken)
            .ConfigureAwait(false);

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["CROSS_CONTAINER_ENGINE"] = tools.ContainerEngine };
        var imageVariable = $"CROSS_TARGET_{group.Target.EnvironmentKey}_IMAGE";
        if (settings.Image is not null)
            environment[imageVariable] = settings.Image;
        else if (!userEnvironment.ContainsKey(imageVariable) && !CrossConfiguration.ConfiguresImage(context.Workspace, group.Target.Triple))
            environment[imageVariable] = $"ghcr.io/cross-rs/{group.Target.Triple}:{DefaultImageVersion}";

        return new CompilerInvocation(tools.CrossPath, [], environment);
    }
}
