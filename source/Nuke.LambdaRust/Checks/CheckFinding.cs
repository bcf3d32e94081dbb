namespace Nuke.LambdaRust.Checks;

/// <summary>One thing a Doctor or Verify rule found: which rule, how bad, about what, and what to do.</summary>
/// <param name="Rule">The rule's id, e.g. <c>openssl-sys</c>; what <c>--allow</c> takes.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Subject">What it is about: a crate (<c>openssl-sys 0.9.80</c>), a setting, or a package file.</param>
/// <param name="Message">What is wrong, naming the crate, library, file or value.</param>
/// <param name="Fix">What to do about it.</param>
public sealed record CheckFinding(string Rule, FindingSeverity Severity, string Subject, string Message, string Fix)
{
    /// <summary>The dependency path that pulls the crate in, from the function's package (<c>tls-fn 0.1.0</c>, <c>reqwest 0.11.13 (default-tls)</c>, ...); empty when not about a crate.</summary>
    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary>True when the rule was allowed on purpose (<c>--allow</c>): reported, but it fails nothing.</summary>
    public bool Allowed { get; init; }

    /// <summary>An error that fails its step: not allowed.</summary>
    public bool Fails => Severity == FindingSeverity.Error && !Allowed;

    /// <summary>The path as one line: <c>tls-fn 0.1.0 → reqwest 0.11.13 (default-tls) → ...</c>.</summary>
    public string PathText => string.Join(" → ", Path);
}
