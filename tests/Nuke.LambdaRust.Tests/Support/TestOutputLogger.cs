using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Nuke.LambdaRust.Tests.Support;

/// <summary>Sends log lines to the test's output, so a failing test shows the command lines and process output.</summary>
internal sealed class TestOutputLogger(ITestOutputHelper output) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            output.WriteLine(formatter(state, exception));
        }
        catch (InvalidOperationException)
        {
            // A line arriving after the test ended (a process being killed) has nowhere to go.
        }
    }
}
