using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Host;

/// <summary>
/// Turns the first SIGINT (Ctrl+C), SIGTERM, SIGHUP or SIGQUIT into a cancellation of the build, so the running target
/// ends its processes and the summary is still printed. A later signal ends every process the build started at once
/// (<see cref="ChildProcesses.EndAll"/>) and exits with <see cref="BuildHost.Cancelled"/>; the runtime's default
/// action, which would end this process and leave its tools running, is never taken.
/// </summary>
internal sealed class CancelSignals : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly IDisposable _takeOver = ChildProcesses.TakeOverSignals();
    private int _received;

    public CancelSignals(CancellationTokenSource cancellation, ILogger logger)
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    context.Cancel = true;
                    switch (Interlocked.Increment(ref _received))
                    {
                        case 1:
                            logger.LogWarning("{Signal} received: cancelling the build (send it again to end the process at once).", context.Signal);
                            try
                            {
                                cancellation.Cancel();
                            }
                            catch (ObjectDisposedException)
                            {
                                // The build finished while the signal arrived.
                            }

                            break;
                        case 2:
                            logger.LogWarning("{Signal} received again: ending every process of the build and exiting now.", context.Signal);
                            ChildProcesses.EndAll();
                            Environment.Exit(BuildHost.Cancelled);
                            break;
                        default:
                            break; // already ending
                    }
                }));
            }
            catch (PlatformNotSupportedException)
            {
                // No such signal here (Windows has only SIGINT, SIGQUIT and SIGTERM; WebAssembly none): cancellation still works through the caller's token.
            }
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _takeOver.Dispose();
    }
}
