using Cake.Core;
using Cake.Core.Annotations;
using Cake.LambdaRust.Logging;
using Microsoft.Extensions.Logging;

// What a script needs to configure our settings and read our results, without a single `using`.
[assembly: CakeNamespaceImport("Cake.LambdaRust")]
[assembly: CakeNamespaceImport("Nuke.LambdaRust")]
[assembly: CakeNamespaceImport("Nuke.LambdaRust.Model")]
[assembly: CakeNamespaceImport("Nuke.LambdaRust.Tools")]
[assembly: CakeNamespaceImport("Nuke.LambdaRust.Packaging")]
[assembly: CakeNamespaceImport("Nuke.LambdaRust.Checks")]
[assembly: CakeNamespaceImport("Nuke.LambdaRust.Runtime")]
[assembly: CakeNamespaceImport("Nuke.LambdaRust.Pipeline")]

namespace Cake.LambdaRust;

/// <summary>
/// Cake aliases for Rust AWS Lambda functions: the tool wrappers of <c>LambdaRustTasks</c> (<c>LambdaRustZigBuild</c>,
/// <c>LambdaRustPackage</c>, <c>LambdaRustDoctor</c> ...), each taking a configure lambda over the same settings and
/// returning the same typed results, with their output in Cake's log at Cake's verbosity; and
/// <c>RegisterLambdaRustTasks</c>, which adds our whole target graph as Cake tasks.
/// </summary>
/// <example>
/// <code>
/// var binaries = LambdaRustZigBuild(s => s.SetManifestPath("functions/Cargo.toml").SetArchitectures(LambdaArchitecture.Arm64));
/// var packages = LambdaRustPackage(s => s.SetBinaries(binaries));
/// </code>
/// </example>
[CakeAliasCategory("LambdaRust")]
public static partial class LambdaRustAliases
{
    /// <summary>Cake's log as our steps' <see cref="ILogger"/>.</summary>
    internal static ILogger Logger(this ICakeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new CakeLogger(context.Log);
    }

    /// <summary>
    /// The user's configure step, seeing Cake's log as the settings' logger; settings it returns without a logger (a
    /// settings object made anew) get Cake's log too.
    /// </summary>
    private static Func<T, T> Configured<T>(ICakeContext context, Func<T, T>? configure, Func<T, ILogger?> loggerOf, Func<T, ILogger, T> withLogger)
    {
        var logger = context.Logger();
        return settings =>
        {
            var configured = configure is null ? withLogger(settings, logger) : configure(withLogger(settings, logger));
            return loggerOf(configured) is null ? withLogger(configured, logger) : configured;
        };
    }
}
