using Microsoft.Extensions.Logging;

namespace Nuke.LambdaRust.Release;

/// <summary>Passes information at debug level only: the handful of questions a release asks git and the tools' versions are not worth a log line each.</summary>
internal sealed class DebugOnlyLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel > LogLevel.Information ? logLevel : LogLevel.Debug);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        inner.Log(logLevel > LogLevel.Information ? logLevel : LogLevel.Debug, eventId, state, exception, formatter);
}
