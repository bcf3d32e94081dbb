using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Tools;

/// <summary>Settings for <see cref="LambdaRustTasks.CargoBuild(Func{CargoBuildSettings, CargoBuildSettings})"/>: plain cargo, natively or with a cross linker.</summary>
public sealed record CargoBuildSettings : LambdaBuildSettings
{
    /// <inheritdoc />
    public override LambdaCompiler Compiler => LambdaCompiler.Cargo;

    /// <summary>
    /// A linker per architecture for foreign targets (e.g. <c>aarch64-linux-gnu-gcc</c>). When an architecture has none,
    /// <c>CARGO_TARGET_&lt;TRIPLE&gt;_LINKER</c> from the environment or the Debian cross gcc on PATH is used.
    /// </summary>
    public IReadOnlyDictionary<LambdaArchitecture, string> Linkers { get; init; } = new Dictionary<LambdaArchitecture, string>();
}
