using Cake.Core;
using Cake.Core.Annotations;
using Nuke.LambdaRust;
using Nuke.LambdaRust.Packaging;

namespace Cake.LambdaRust;

public static partial class LambdaRustAliases
{
    /// <summary>Packages built binaries as <c>bootstrap.zip</c> (or bare <c>bootstrap</c>) files, reproducible byte for byte.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="configure">Sets the binaries and changes the settings, as for <c>LambdaRustTasks.Package</c>.</param>
    /// <returns>One package per binary, with its path and hashes.</returns>
    /// <exception cref="LambdaRustException">A bad input: no binaries, a binary for another architecture, an include outside the workspace ...</exception>
    /// <example>
    /// <code>
    /// var packages = LambdaRustPackage(s => s.SetBinaries(binaries).AddIncludes("config/"));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory("Package")]
    public static IReadOnlyList<LambdaPackage> LambdaRustPackage(this ICakeContext context, Func<PackageSettings, PackageSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return LambdaRustTasks.Package(Configured(context, configure, s => s.Logger, (s, logger) => s with { Logger = logger }));
    }
}
