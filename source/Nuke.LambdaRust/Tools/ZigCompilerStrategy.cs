using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Toolchain;

namespace Nuke.LambdaRust.Tools;

/// <summary>cargo with zig as C compiler and linker, through our own per-target wrapper scripts (no cargo-zigbuild needed).</summary>
internal static class ZigCompilerStrategy
{
    public static async Task<CompilerInvocation> PrepareAsync(BuildContext context, BuildGroup group, CancellationToken cancellationToken)
    {
        var settings = (ZigBuildSettings)context.Settings;
        var toolchain = await RustToolchains.ResolveAsync(context, group, cancellationToken).ConfigureAwait(false);
        var userEnvironment = context.UserEnvironment(group);
        var zig = await ZigLocator.LocateAsync(settings.ZigPath, context.Logger, userEnvironment, cancellationToken: cancellationToken).ConfigureAwait(false);
        var wrapperDirectory = settings.WrapperDirectory
            ?? Path.Combine(LambdaBuilder.TargetDirectoryOf(settings, context.Workspace), "lambda-rust", "zig-wrappers");
        var wrappers = ZigLinkerWrapper.Write(zig, group.Target, wrapperDirectory, HostPlatforms.Current);
        context.Logger.LogInformation("Linking {Triple} with zig {Version} for glibc {Glibc}", group.Target.Triple, zig.Version,
            group.Target.Glibc?.ToString() ?? "(none)");

        var bindgen = await ZigHeaderSearch.ArgumentsAsync(zig, group.Target, wrapperDirectory, context.Logger, cancellationToken).ConfigureAwait(false);
        var environment = new Dictionary<string, string?>(toolchain.Environment, StringComparer.Ordinal);
        foreach (var (name, value) in ZigEnvironment.For(group.Target, wrappers, userEnvironment, HostPlatforms.HostTriple(), bindgen))
            environment[name] = value;
        // The resolver already applied (and checked) a CargoPath setting.
        return new CompilerInvocation(toolchain.Cargo, toolchain.CargoPrefixArguments, environment);
    }
}
