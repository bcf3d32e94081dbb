namespace Nuke.LambdaRust.Pipeline;

/// <summary>
/// A build parameter as data. Its value comes, highest first, from the command line (<see cref="CommandLineName"/>),
/// an environment variable (<c>Name</c> exactly, then e.g. <c>MANIFEST_PATH</c> or <c>NUKE_MANIFEST_PATH</c>
/// compared by letters and digits only), the <c>.nuke/parameters.json</c> key <c>Name</c>, then <see cref="Default"/>.
/// </summary>
/// <param name="Name">PascalCase name, e.g. <c>ManifestPath</c>; targets read it by this name.</param>
/// <param name="Description">One line for <c>--help</c>.</param>
public sealed record ParameterDefinition(string Name, string? Description = null)
{
    /// <summary>The value's kind; <see cref="ParameterType.String"/> unless set.</summary>
    public ParameterType Type { get; init; } = ParameterType.String;

    /// <summary>Takes several values: <c>--arch arm64 x86_64</c> on the command line, whitespace separated in an environment variable, an array in parameters.json.</summary>
    public bool IsList { get; init; }

    /// <summary>For <see cref="ParameterType.String"/>: the only accepted values (case-insensitive); empty means any text.</summary>
    public IReadOnlyList<string> AllowedValues { get; init; } = [];

    /// <summary>
    /// The value when no source sets it: a <see cref="string"/>, <see cref="bool"/> or <see cref="int"/> matching
    /// <see cref="Type"/>, or for a list a sequence of them. Null: unset (<c>false</c> for a boolean, an empty list).
    /// </summary>
    public object? Default { get; init; }

    /// <summary>Never printed: not its default in <c>--help</c>, not its value in logs or error messages.</summary>
    public bool IsSecret { get; init; }

    /// <summary>The command-line spelling: <c>ManifestPath</c> is <c>--manifest-path</c>.</summary>
    public string CommandLineName => "--" + ParameterNames.ToKebabCase(Name);

    /// <summary>The environment variable names users are most likely to set: <c>Arch</c>, <c>ARCH</c>, <c>NUKE_ARCH</c>.</summary>
    public IReadOnlyList<string> EnvironmentVariableNames =>
        (PrefixedEnvironmentOnly
            ? new[] { Name, "NUKE_" + ParameterNames.ToUpperSnakeCase(Name) }
            : new[] { Name, ParameterNames.ToUpperSnakeCase(Name), "NUKE_" + ParameterNames.ToUpperSnakeCase(Name) })
        .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Read only the exact name and the <c>NUKE_</c> form from the environment, for names that other tools already use
    /// (<c>INCLUDE</c> is set in every MSVC shell, <c>PROFILE</c> by PowerShell setups).
    /// </summary>
    public bool PrefixedEnvironmentOnly { get; init; }

    /// <summary>
    /// Other names the command line takes for it, e.g. <c>Bin</c> (<c>--bin</c>) for <c>Function</c>; a one-letter alias
    /// is a short option (<c>p</c> is <c>-p</c>).
    /// </summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The aliases as typed: <c>--bin</c>, <c>-p</c>.</summary>
    public IReadOnlyList<string> AliasSpellings => Aliases.Select(a => a.Length == 1 ? "-" + a : "--" + ParameterNames.ToKebabCase(a)).ToList();
}
