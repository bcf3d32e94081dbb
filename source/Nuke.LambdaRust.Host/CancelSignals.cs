using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Nuke.LambdaRust.Host;

/// <summary>
/// Turns the first SIGINT (Ctrl+C) or SIGTERM into a cancellation of the build, so the running target can stop its
/// processes and the summary is still printed. A second signal is left to the runtime, which ends the process.
/// </summary>
internal sealed class CancelSignals : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];

    public CancelSignals(CancellationTokenSource cancellation, ILogger logger)
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    if (cancellation.IsCancellationRequested)
                        return;
                    context.Cancel = true;
                    logger.LogWarning("{Signal} received: cancelling the build (send it again to end the process at once).", context.Signal);
                    try
                    {
                        cancellation.Cancel();
                    }
                    catch (ObjectDisposedException)
                    {
                        // The build finished while the signal arrived.
                    }
                }));
            }
            catch (PlatformNotSupportedException)
            {
                // No signals here (e.g. WebAssembly): cancellation still works through the caller's token.
            }
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
    }
}
