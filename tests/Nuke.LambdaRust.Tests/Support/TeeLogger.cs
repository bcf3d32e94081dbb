using Microsoft.Extensions.Logging;

namespace Nuke.LambdaRust.Tests.Support;

/// <summary>Sends every line to several loggers: to record it and to show it in the test's output.</summary>
internal sealed class TeeLogger(params ILogger[] loggers) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        foreach (var logger in loggers)
            logger.Log(logLevel, eventId, state, exception, formatter);
    }
}
