using Cake.Core;
using Cake.Core.Annotations;
using Nuke.LambdaRust;
using Nuke.LambdaRust.Tools;

namespace Cake.LambdaRust;

public static partial class LambdaRustAliases
{
    /// <summary>Compiles the functions with cargo, zig as C compiler and linker (cross-compiles without containers).</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="configure">Changes the settings, as for <c>LambdaRustTasks.ZigBuild</c>.</param>
    /// <returns>One binary per function and architecture, checked against its target.</returns>
    /// <exception cref="LambdaRustException">A bad input (naming it and the fix), or a failing cargo with its errors.</exception>
    /// <example>
    /// <code>
    /// var binaries = LambdaRustZigBuild(s => s.SetManifestPath("functions/Cargo.toml").SetArchitectures(LambdaArchitecture.Arm64).EnableRelease());
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory("Build")]
    public static IReadOnlyList<LambdaBinary> LambdaRustZigBuild(this ICakeContext context, Func<ZigBuildSettings, ZigBuildSettings>? configure = null) =>
        LambdaRustTasks.ZigBuild(Configured(context, configure, s => s.Logger, (s, logger) => s with { Logger = logger }));

    /// <summary>Compiles the functions with plain cargo: natively, or with a cross linker.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="configure">Changes the settings, as for <c>LambdaRustTasks.CargoBuild</c>.</param>
    /// <returns>One binary per function and architecture, checked against its target.</returns>
    /// <exception cref="LambdaRustException">A bad input (naming it and the fix), or a failing cargo with its errors.</exception>
    [CakeMethodAlias]
    [CakeAliasCategory("Build")]
    public static IReadOnlyList<LambdaBinary> LambdaRustCargoBuild(this ICakeContext context, Func<CargoBuildSettings, CargoBuildSettings>? configure = null) =>
        LambdaRustTasks.CargoBuild(Configured(context, configure, s => s.Logger, (s, logger) => s with { Logger = logger }));

    /// <summary>Compiles the functions with <c>cross build</c> in a container.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="configure">Changes the settings, as for <c>LambdaRustTasks.CrossBuild</c>.</param>
    /// <returns>One binary per function and architecture, checked against its target.</returns>
    /// <exception cref="LambdaRustException">A bad input (naming it and the fix), a missing cross or container engine, or a failing build with its errors.</exception>
    [CakeMethodAlias]
    [CakeAliasCategory("Build")]
    public static IReadOnlyList<LambdaBinary> LambdaRustCrossBuild(this ICakeContext context, Func<CrossBuildSettings, CrossBuildSettings>? configure = null) =>
        LambdaRustTasks.CrossBuild(Configured(context, configure, s => s.Logger, (s, logger) => s with { Logger = logger }));
}
