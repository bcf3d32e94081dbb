namespace Nuke.LambdaRust.Cargo;

/// <summary>
/// How to start cargo: the executable, arguments that go before the subcommand (such as a toolchain <c>+debian</c>),
/// and environment changes (such as <c>RUSTC</c> for a cargo that is not rustup's proxy).
/// </summary>
/// <param name="FileName">The cargo executable: a path or a name looked up on PATH.</param>
/// <param name="PrefixArguments">Arguments placed before the subcommand, e.g. <c>+stable</c>.</param>
/// <param name="Environment">Environment changes for every cargo process; a null value removes the variable.</param>
public sealed record CargoCommand(string FileName, IReadOnlyList<string> PrefixArguments, IReadOnlyDictionary<string, string?> Environment)
{
    /// <summary><c>cargo</c> from PATH, no prefix arguments, the inherited environment.</summary>
    public static CargoCommand Default { get; } = new("cargo", [], new Dictionary<string, string?>());
}
