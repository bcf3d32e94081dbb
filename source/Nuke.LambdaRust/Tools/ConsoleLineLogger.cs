using Microsoft.Extensions.Logging;

namespace Nuke.LambdaRust.Tools;

/// <summary>The fallback logger: one line per message on standard output, information and above.</summary>
internal sealed class ConsoleLineLogger : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
            return;
        var level = logLevel switch
        {
            LogLevel.Warning => "WRN",
            LogLevel.Error or LogLevel.Critical => "ERR",
            _ => "INF",
        };
        Console.Out.WriteLine($"[{level}] {formatter(state, exception)}");
    }
}
