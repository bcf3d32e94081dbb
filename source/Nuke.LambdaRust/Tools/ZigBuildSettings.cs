using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Tools;

/// <summary>Settings for <see cref="LambdaRustTasks.ZigBuild(Func{ZigBuildSettings, ZigBuildSettings})"/>: cargo with zig as C compiler and linker.</summary>
public sealed record ZigBuildSettings : LambdaBuildSettings
{
    /// <inheritdoc />
    public override LambdaCompiler Compiler => LambdaCompiler.Zig;

    /// <summary>The zig executable; found through <c>CARGO_ZIGBUILD_ZIG_PATH</c>, <c>ZIG</c>, PATH or <c>python3 -m ziglang</c> when null.</summary>
    public string? ZigPath { get; init; }

    /// <summary>Where the per-target linker wrapper scripts are kept; under the target directory when null.</summary>
    public string? WrapperDirectory { get; init; }
}
