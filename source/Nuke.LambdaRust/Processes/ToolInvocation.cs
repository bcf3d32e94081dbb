namespace Nuke.LambdaRust.Processes;

/// <summary>
/// One process to start: the executable, its arguments as a list (never a shell string), where, and with what environment.
/// </summary>
/// <param name="FileName">The executable: a path, or a name looked up on PATH.</param>
/// <param name="Arguments">The arguments, each passed to the process as is.</param>
public sealed record ToolInvocation(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The working directory; the current one when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Environment changes on top of this process's environment; a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Values that must never appear in a log or an error message.</summary>
    public IReadOnlyCollection<string> Secrets { get; init; } = [];

    /// <summary>The command line as it is logged: arguments quoted where needed, secrets as <c>[REDACTED]</c>.</summary>
    public string Render() => string.Join(' ', new[] { FileName }.Concat(Arguments).Select(a => Quote(Redact(a))));

    /// <summary>Replaces every secret inside <paramref name="text"/> with <c>[REDACTED]</c>.</summary>
    public string Redact(string text)
    {
        foreach (var secret in Secrets.Where(s => s.Length > 0))
            text = text.Replace(secret, "[REDACTED]", StringComparison.Ordinal);
        return text;
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./=:,+@%^".Contains(c))
            ? argument
            : "\"" + argument.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
