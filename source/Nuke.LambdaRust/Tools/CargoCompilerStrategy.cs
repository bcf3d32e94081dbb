using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Tools;

/// <summary>Plain cargo: the native target as is, a foreign one with a configured (or the Debian cross) gcc as linker.</summary>
internal static class CargoCompilerStrategy
{
    public static async Task<CompilerInvocation> PrepareAsync(BuildContext context, BuildGroup group, CancellationToken cancellationToken)
    {
        var settings = (CargoBuildSettings)context.Settings;
        var toolchain = await RustToolchains.ResolveAsync(context, group, cancellationToken).ConfigureAwait(false);
        var environment = new Dictionary<string, string?>(toolchain.Environment, StringComparer.Ordinal);

        if (!IsNative(group.Architecture))
        {
            var userEnvironment = context.UserEnvironment(group);
            var linkerVariable = $"CARGO_TARGET_{group.Target.EnvironmentKey}_LINKER";
            var linker = settings.Linkers.GetValueOrDefault(group.Architecture)
                ?? userEnvironment.GetValueOrDefault(linkerVariable)
                ?? new EnvironmentView(userEnvironment).FindExecutable(DebianCrossGcc(group.Architecture));
            if (linker is null)
            {
                throw new LambdaRustException(
                    $"Plain cargo cannot link {group.Target.Triple}: no cross linker is configured and '{DebianCrossGcc(group.Architecture)}' is not on PATH.",
                    $"Install it (Debian/Ubuntu: apt-get install gcc-{group.Architecture.ToRustArch().Replace('_', '-')}-linux-gnu), " +
                    $"or set {linkerVariable} / CargoBuildSettings.SetLinker, or use the zig compiler (--compiler zig).");
            }

            environment[linkerVariable] = linker;
            var ccVariable = $"CC_{group.Target.CcKey}";
            if (!userEnvironment.ContainsKey(ccVariable) && Path.GetFileName(linker).EndsWith("gcc", StringComparison.Ordinal))
                environment[ccVariable] = linker;
            context.Logger.LogInformation("Linking {Triple} with {Linker}", group.Target.Triple, linker);
        }

        // The resolver already applied (and checked) a CargoPath setting.
        return new CompilerInvocation(toolchain.Cargo, toolchain.CargoPrefixArguments, environment);
    }

    private static bool IsNative(LambdaArchitecture architecture) =>
        OperatingSystem.IsLinux() && LambdaArchitectures.Host == architecture;

    private static string DebianCrossGcc(LambdaArchitecture architecture) => $"{architecture.ToRustArch()}-linux-gnu-gcc";
}
