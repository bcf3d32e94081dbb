using Cake.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using CakeLevel = Cake.Core.Diagnostics.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Cake.LambdaRust.Logging;

/// <summary>
/// Our <see cref="ILogger"/> output in Cake's log, at Cake's verbosity: information at <c>Normal</c>, warnings at
/// <c>Minimal</c>, errors always, debug at <c>Verbose</c> and trace at <c>Diagnostic</c>. An entry's exception is added
/// (with its stack) only at <c>Diagnostic</c>.
/// </summary>
internal sealed class CakeLogger(ICakeLog log) : ILogger
{
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && log.Verbosity >= Map(logLevel).Verbosity;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
            return;
        var text = formatter(state, exception);
        if (exception is not null && log.Verbosity == Verbosity.Diagnostic)
            text += Environment.NewLine + exception;
        var (verbosity, level) = Map(logLevel);
        // Our text is already formatted: passed as an argument, its braces are not read as Cake format items.
        log.Write(verbosity, level, "{0}", text);
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    private static (Verbosity Verbosity, CakeLevel Level) Map(LogLevel level) => level switch
    {
        LogLevel.Trace => (Verbosity.Diagnostic, CakeLevel.Debug),
        LogLevel.Debug => (Verbosity.Verbose, CakeLevel.Verbose),
        LogLevel.Information => (Verbosity.Normal, CakeLevel.Information),
        LogLevel.Warning => (Verbosity.Minimal, CakeLevel.Warning),
        LogLevel.Error => (Verbosity.Quiet, CakeLevel.Error),
        _ => (Verbosity.Quiet, CakeLevel.Fatal),
    };
}
