using Nuke.LambdaRust.Toolchain;

namespace Nuke.LambdaRust.Tools;

/// <summary>The settings' toolchain request, resolved for one build group.</summary>
internal static class RustToolchains
{
    /// <summary>
    /// Resolves the toolchain; <c>RUSTC</c> or <c>RUSTUP_TOOLCHAIN</c> set in the settings' or config's environment
    /// count as an explicit choice (otherwise the resolved toolchain's RUSTC would silently replace them).
    /// </summary>
    public static Task<RustToolchain> ResolveAsync(BuildContext context, BuildGroup group, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var request = new RustToolchainRequest(
            settings.Toolchain ?? group.Environment.GetValueOrDefault("RUSTUP_TOOLCHAIN"),
            settings.CargoPath,
            settings.RustcPath ?? group.Environment.GetValueOrDefault("RUSTC"));
        return RustToolchainResolver.ResolveAsync(group.Target, request, context.Logger, cancellationToken);
    }
}
