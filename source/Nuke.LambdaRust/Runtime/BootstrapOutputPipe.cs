using System.IO.Pipes;
using System.Runtime.InteropServices;
using System.Text;
using CliWrap;

namespace Nuke.LambdaRust.Runtime;

/// <summary>
/// Reads one output pipe of a bootstrap line by line and can be drained on demand: once <see cref="Drain"/> returns,
/// every byte the process wrote before the call has become a line. That is what keeps output with its invocation: a
/// function writes its lines, then posts its response, so draining when the response has arrived catches those lines
/// however late a busy machine would have scheduled the reading thread.
/// </summary>
/// <remarks>
/// Bytes are only ever taken from the pipe under one lock, and only as many as <c>FIONREAD</c> says are there, so a
/// read never blocks while holding it; the reading thread waits for data in <c>poll(2)</c>, outside the lock.
/// </remarks>
internal sealed class BootstrapOutputPipe(Action<string> onLine) : PipeTarget
{
    private const short PollIn = 0x1;
    private const int PollIntervalMilliseconds = 200;

    private readonly object _gate = new();
    private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
    private readonly StringBuilder _line = new();
    private readonly byte[] _bytes = new byte[16 * 1024];
    private readonly char[] _chars = new char[16 * 1024 + 4];
    private Stream? _pipe;
    private int _descriptor = -1;

    /// <summary>Turns into lines whatever the process has written and this pipe has not read yet.</summary>
    public void Drain()
    {
        lock (_gate)
        {
            if (_pipe is null)
                return;
            while (Available(_descriptor) is > 0 and var count)
                Take(_pipe, count);
        }
    }

    /// <inheritdoc />
    public override async Task CopyFromAsync(Stream origin, CancellationToken cancellationToken = default)
    {
        if (origin is not PipeStream { SafePipeHandle: var handle } || !(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            await CopyByStreamAsync(origin, cancellationToken).ConfigureAwait(false);
            return;
        }

        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            lock (_gate)
            {
                _pipe = origin;
                _descriptor = (int)handle.DangerousGetHandle();
            }

            // A thread of its own: it blocks in poll(2), which would starve the thread pool under many invocations.
            await Task.Factory.StartNew(() => ReadUntilEnd(cancellationToken), cancellationToken,
                TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _pipe = null;
                _descriptor = -1;
                Flush();
            }

            if (added)
                handle.DangerousRelease();
        }
    }

    private void ReadUntilEnd(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var ready = WaitReadable(PollIntervalMilliseconds);
            if (ready == 0 || (ready < 0 && Marshal.GetLastPInvokeError() == Interrupted))
                continue; // timed out (look at the token again) or interrupted
            if (ready < 0)
                return;
            lock (_gate)
            {
                if (Available(_descriptor) is > 0 and var count)
                    Take(_pipe!, count);
                else if (WaitReadable(0) > 0 && Available(_descriptor) == 0)
                    return; // readable with nothing in it, and nobody else reads meanwhile: the write end is closed
                // else Drain took the bytes poll saw.
            }
        }
    }

    private int WaitReadable(int timeoutMilliseconds)
    {
        var poll = new PollDescriptor { Descriptor = _descriptor, Events = PollIn };
        return Poll(ref poll, 1, timeoutMilliseconds);
    }

    private void Take(Stream pipe, int count)
    {
        while (count > 0)
        {
            var read = pipe.Read(_bytes, 0, Math.Min(count, _bytes.Length));
            if (read == 0)
                return;
            count -= read;
            Split(_decoder.GetChars(_bytes, 0, read, _chars, 0, flush: false));
        }
    }

    private async Task CopyByStreamAsync(Stream origin, CancellationToken cancellationToken)
    {
        var buffer = new byte[_bytes.Length];
        int read;
        while ((read = await origin.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            lock (_gate)
                Split(_decoder.GetChars(buffer, 0, read, _chars, 0, flush: false));
        }

        lock (_gate)
            Flush();
    }

    private void Split(int charCount)
    {
        for (var i = 0; i < charCount; i++)
        {
            var c = _chars[i];
            if (c == '\n')
                Emit();
            else
                _line.Append(c);
        }
    }

    private void Flush()
    {
        Split(_decoder.GetChars([], 0, 0, _chars, 0, flush: true));
        if (_line.Length > 0)
            Emit();
    }

    private void Emit()
    {
        if (_line.Length > 0 && _line[^1] == '\r')
            _line.Length--;
        var line = _line.ToString();
        _line.Clear();
        onLine(line);
    }

    private const int Interrupted = 4; // EINTR, the same on Linux and macOS

    /// <summary>FIONREAD: the bytes waiting in a pipe; its request number differs between Linux and the BSDs/macOS.</summary>
    private static readonly nuint BytesWaiting = OperatingSystem.IsLinux() ? (nuint)0x541B : (nuint)0x4004667F;

    private static int Available(int descriptor) => ioctl(descriptor, BytesWaiting, out var count) == 0 ? count : 0;

    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Poll(ref PollDescriptor descriptors, nuint count, int timeoutMilliseconds);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ioctl(int descriptor, nuint request, out int count);
}
