using Cake.Core;
using Cake.Core.Annotations;
using Nuke.LambdaRust;
using Nuke.LambdaRust.Checks;

namespace Cake.LambdaRust;

public static partial class LambdaRustAliases
{
    /// <summary>
    /// Checks a build before compiling it: the dependency graph it would link, for the known traps (openssl-sys, diesel's
    /// native clients, C crates without a cross compiler, system libraries the runtime lacks ...), each with the crate path and the fix.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="configure">Sets the build to check, as for <c>LambdaRustTasks.Doctor</c>.</param>
    /// <returns>Every finding, by build group.</returns>
    /// <exception cref="LambdaRustException">A finding is an error and its rule is not allowed.</exception>
    [CakeMethodAlias]
    [CakeAliasCategory("Checks")]
    public static DoctorReport LambdaRustDoctor(this ICakeContext context, Func<DoctorSettings, DoctorSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return LambdaRustTasks.Doctor(Configured(context, configure, s => s.Logger, (s, logger) => s with { Logger = logger }));
    }

    /// <summary>
    /// Checks packages as Lambda will see them: the bootstrap at the zip root with mode 0755, its ELF machine, its glibc
    /// and shared libraries against the runtime's, and Lambda's size limits.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="configure">Sets the packages, as for <c>LambdaRustTasks.Verify</c>.</param>
    /// <returns>Every package's findings.</returns>
    /// <exception cref="LambdaRustException">A package breaks a rule that is not allowed.</exception>
    [CakeMethodAlias]
    [CakeAliasCategory("Checks")]
    public static VerifyReport LambdaRustVerify(this ICakeContext context, Func<VerifySettings, VerifySettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return LambdaRustTasks.Verify(Configured(context, configure, s => s.Logger, (s, logger) => s with { Logger = logger }));
    }
}
