namespace Nuke.LambdaRust.Components;

/// <summary>
/// A Lambda target's failure as NUKE prints it: our problem and fix, nothing else. NUKE logs a failed target's exception
/// with its <see cref="ToString"/>, which for other exceptions carries a stack trace that says nothing to a user here.
/// </summary>
public sealed class LambdaTargetException : Exception
{
    internal LambdaTargetException(LambdaRustException failure)
        : base(failure.Message, failure)
    {
        Problem = failure.Problem;
        Fix = failure.Fix;
    }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }

    /// <summary>What to do about it.</summary>
    public string? Fix { get; }

    /// <summary>The problem and the fix.</summary>
    public override string ToString() => Message;
}
