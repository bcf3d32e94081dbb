using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Checks;

/// <summary>What the Doctor's rules look at for one build group: its graph and crates, the compiler, target and runtime, the environment.</summary>
/// <param name="Graph">The dependency graph the group links.</param>
/// <param name="Crates">Every crate its functions link, with the shortest path from a function's package (first root wins).</param>
/// <param name="Compiler">How it compiles.</param>
/// <param name="Target">The Rust target with the glibc it links against.</param>
/// <param name="Runtime">The Lambda runtime it must run on.</param>
/// <param name="IsForeign">True when the target is not this machine's (a cross build).</param>
/// <param name="Environment">The build's environment as the user set it: this process's, the config's and the settings'.</param>
/// <param name="Machine">Finds executables on this machine (cmake, ...).</param>
internal sealed record DoctorContext(
    DependencyGraph Graph,
    IReadOnlyList<(CrateNode Crate, IReadOnlyList<string> Path)> Crates,
    LambdaCompiler Compiler,
    RustTarget Target,
    LambdaRuntime Runtime,
    bool IsForeign,
    IReadOnlyDictionary<string, string?> Environment,
    EnvironmentView Machine)
{
    /// <summary>The explicit <c>--glibc</c>, when one was given.</summary>
    public Version? GlibcOverride { get; init; }

    /// <summary>True when a release build adds our <c>target-cpu</c> flags.</summary>
    public bool AddsTargetCpu { get; init; }

    /// <summary>The rustc version the build uses (<c>1.95.0</c>); null when it could not be determined.</summary>
    public string? RustcVersion { get; init; }

    /// <summary>cargo's <c>--ignore-rust-version</c> is on.</summary>
    public bool IgnoresRustVersion { get; init; }

    /// <summary>For plain cargo on a foreign target: the C compiler cc-rs will use for it, when one is set or will be (our cross gcc linker).</summary>
    public string? TargetCCompiler { get; init; }

    /// <summary>The crates named <paramref name="name"/> the functions link.</summary>
    public IEnumerable<(CrateNode Crate, IReadOnlyList<string> Path)> Named(string name) => Crates.Where(c => c.Crate.Name == name);

    /// <summary>An environment variable as the build sees it; null when unset or empty.</summary>
    public string? Variable(string name) => Environment.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>A finding about a crate, with its path.</summary>
    public static CheckFinding About((CrateNode Crate, IReadOnlyList<string> Path) crate, string rule, FindingSeverity severity, string message, string fix) =>
        new(rule, severity, crate.Crate.Label, message, fix) { Path = crate.Path };
}
