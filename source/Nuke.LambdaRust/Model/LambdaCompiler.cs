namespace Nuke.LambdaRust.Model;

/// <summary>How the Rust code is compiled and linked for the target.</summary>
public enum LambdaCompiler
{
    /// <summary>cargo with zig as C compiler and linker (cargo-lambda's default, <c>cargo_zigbuild</c>).</summary>
    Zig,

    /// <summary>Plain cargo: the native target, or a configured cross linker.</summary>
    Cargo,

    /// <summary><c>cross build</c> in a container.</summary>
    Cross,
}
