using Cake.Core;
using Cake.Core.Annotations;
using Nuke.LambdaRust;
using Nuke.LambdaRust.Runtime;

namespace Cake.LambdaRust;

public static partial class LambdaRustAliases
{
    /// <summary>
    /// Invokes a packaged function locally with events, in order, as Lambda would (under qemu when the architecture is
    /// not this machine's).
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="configure">Sets the package and the events, as for <c>LambdaRustTasks.Invoke</c>.</param>
    /// <returns>What each event got; a function error is a result (<c>EnsureSucceeded()</c> turns it into an error).</returns>
    /// <exception cref="LambdaRustException">A bad input, found before anything starts.</exception>
    [CakeMethodAlias]
    [CakeAliasCategory("Invoke")]
    public static InvokeReport LambdaRustInvoke(this ICakeContext context, Func<InvokeSettings, InvokeSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return LambdaRustTasks.Invoke(Configured(context, configure, s => s.Logger, (s, logger) => s with { Logger = logger }));
    }
}
