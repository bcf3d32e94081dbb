namespace Nuke.LambdaRust.Processes;

/// <summary>A process exited with a non-zero code; the message carries the command, directory, exit code and last error lines.</summary>
public sealed class ProcessFailedException : LambdaRustException
{
    internal ProcessFailedException(ToolInvocation invocation, string workingDirectory, int exitCode, IReadOnlyList<string> standardErrorTail, string? fix)
        : base(Describe(invocation, workingDirectory, exitCode, standardErrorTail), fix)
    {
        CommandLine = invocation.Render();
        WorkingDirectory = workingDirectory;
        ExitCode = exitCode;
        StandardErrorTail = standardErrorTail;
    }

    /// <summary>The command line, secrets redacted.</summary>
    public string CommandLine { get; }

    /// <summary>Where it ran.</summary>
    public string WorkingDirectory { get; }

    /// <summary>The exit code.</summary>
    public int ExitCode { get; }

    /// <summary>The last lines written to standard error, secrets redacted.</summary>
    public IReadOnlyList<string> StandardErrorTail { get; }

    private static string Describe(ToolInvocation invocation, string workingDirectory, int exitCode, IReadOnlyList<string> tail)
    {
        var text = $"Process '{Path.GetFileName(invocation.FileName)}' exited with code {exitCode}.{Environment.NewLine}" +
                   $"> {invocation.Render()}{Environment.NewLine}@ {workingDirectory}";
        if (tail.Count > 0)
            text += Environment.NewLine + "Last error output:" + Environment.NewLine + string.Join(Environment.NewLine, tail.Select(l => "  " + l));
        return text;
    }
}
