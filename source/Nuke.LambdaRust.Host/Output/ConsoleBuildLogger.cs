using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Nuke.LambdaRust.Host;

/// <summary>
/// Writes log entries NUKE-style, one per line: <c>12:00:01 [INF] text</c> (levels VRB, DBG, INF, WRN, ERR, FTL),
/// continuation lines indented under the text. Honours <see cref="BuildVerbosity"/>; an entry's exception is added
/// (with its stack) only at <see cref="BuildVerbosity.Verbose"/>. Safe to call from several threads.
/// </summary>
public sealed class ConsoleBuildLogger : ILogger
{
    private readonly TextWriter _writer;
    private readonly bool _timestamps;

    /// <summary>Creates a logger writing to <paramref name="writer"/>.</summary>
    /// <param name="writer">Where lines go, e.g. <see cref="Console.Out"/>.</param>
    /// <param name="verbosity">Which entries are written.</param>
    /// <param name="timestamps">Prefix each entry with the local time.</param>
    public ConsoleBuildLogger(TextWriter writer, BuildVerbosity verbosity = BuildVerbosity.Normal, bool timestamps = true)
    {
        _writer = writer;
        Verbosity = verbosity;
        _timestamps = timestamps;
    }

    /// <summary>Which entries are written.</summary>
    public BuildVerbosity Verbosity { get; }

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= Verbosity switch
    {
        BuildVerbosity.Quiet => LogLevel.Error,
        BuildVerbosity.Minimal => LogLevel.Warning,
        BuildVerbosity.Normal => LogLevel.Information,
        _ => LogLevel.Trace,
    };

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
            return;

        var text = formatter(state, exception);
        if (exception is not null && Verbosity == BuildVerbosity.Verbose)
            text += Environment.NewLine + exception;

        var prefix = (_timestamps ? DateTime.Now.ToString("HH:mm:ss ", CultureInfo.InvariantCulture) : "") + $"[{Abbreviate(logLevel)}] ";
        var indent = new string(' ', prefix.Length);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        lock (_writer)
        {
            _writer.WriteLine(prefix + lines[0]);
            foreach (var line in lines.Skip(1))
                _writer.WriteLine(indent + line);
            _writer.Flush();
        }
    }

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    private static string Abbreviate(LogLevel level) => level switch
    {
        LogLevel.Trace => "VRB",
        LogLevel.Debug => "DBG",
        LogLevel.Information => "INF",
        LogLevel.Warning => "WRN",
        LogLevel.Error => "ERR",
        _ => "FTL",
    };
}
