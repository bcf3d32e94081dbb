namespace Nuke.LambdaRust;

/// <summary>
/// A failure the user can fix: the message says what is wrong (naming the file, flag or value),
/// and <see cref="Fix"/> says what to do about it.
/// </summary>
public class LambdaRustException : Exception
{
    /// <summary>Creates an error with a problem statement and the fix.</summary>
    public LambdaRustException(string problem, string? fix = null, Exception? inner = null)
        : base(fix is null ? problem : $"{problem}{Environment.NewLine}Fix: {fix}", inner)
    {
        Problem = problem;
        Fix = fix;
    }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }

    /// <summary>What to do about it, when we know.</summary>
    public string? Fix { get; }
}
