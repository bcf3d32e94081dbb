using Microsoft.Extensions.Logging;

namespace Nuke.LambdaRust.Tests.Support;

/// <summary>Keeps every log line, for assertions about what the user is told.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    /// <summary>A snapshot of the lines logged so far, in order.</summary>
    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
                return _entries.ToList();
        }
    }

    /// <summary>Every line logged so far, one per line (LF), without levels.</summary>
    public string Text => string.Join("\n", Entries.Select(e => e.Message));

    /// <summary>The lines logged at <paramref name="level"/>.</summary>
    public IEnumerable<string> Messages(LogLevel level) => Entries.Where(e => e.Level == level).Select(e => e.Message);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
            _entries.Add((logLevel, formatter(state, exception)));
    }
}
