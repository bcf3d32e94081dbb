using Cake.Core;
using Cake.Core.Annotations;
using Cake.LambdaRust.Tasks;
using Nuke.LambdaRust;
using Nuke.LambdaRust.Pipeline;

namespace Cake.LambdaRust;

public static partial class LambdaRustAliases
{
    /// <summary>
    /// Adds our whole target graph as Cake tasks: <c>Setup</c>, <c>Doctor</c>, <c>Compile</c> (depends on Setup and
    /// Doctor), <c>Package</c> (on Compile), <c>Verify</c> and <c>Invoke</c> (on Package), and <c>Clean</c>. Their
    /// parameters come from Cake's arguments, spelled as on our command line: <c>--arch=arm64</c> or <c>--arch arm64</c>,
    /// lists comma separated (<c>--arch=arm64,x86_64</c>) or repeated, a bare <c>--release</c> for true. Your own tasks
    /// can depend on ours and read their typed results with <see cref="LambdaRustPipeline"/>.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="configure">Changes the pipeline settings the arguments give (e.g. a <c>ConfigureBuild</c> hook).</param>
    /// <exception cref="LambdaRustException">Called twice, or the script already has a task of one of our names.</exception>
    /// <example>
    /// <code>
    /// RegisterLambdaRustTasks();
    /// Task("Deploy").IsDependentOn("Package").Does(() =&gt; Information(LambdaRustPipeline().Packaged.Packages.Count));
    /// RunTarget(Argument("target", "Package"));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory("Tasks")]
    public static void RegisterLambdaRustTasks(this ICakeContext context, Func<PipelineSettings, PipelineSettings>? configure = null) =>
        LambdaRustCakeTasks.Register(context, configure);

    /// <summary>
    /// The pipeline of this run's tasks, with each step's typed result once it ran (<c>LambdaRustPipeline().Packaged.Packages</c>
    /// in a task that depends on <c>Package</c>).
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <exception cref="LambdaRustException">The tasks are not registered, or none of them ran yet.</exception>
    [CakeMethodAlias]
    [CakeAliasCategory("Tasks")]
    public static LambdaPipeline LambdaRustPipeline(this ICakeContext context) => LambdaRustCakeTasks.PipelineOf(context);
}
