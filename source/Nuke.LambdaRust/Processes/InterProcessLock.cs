using System.Globalization;

namespace Nuke.LambdaRust.Processes;

/// <summary>
/// An exclusive OS file lock between processes: flock(2) on Unix (what .NET's <see cref="FileShare.None"/> takes),
/// a sharing lock on Windows. The kernel releases it however the holder ends, killed included, so it is never left
/// stale. The holder's pid is written to <c>&lt;lock&gt;.owner</c> beside it, for the message of a process that waits.
/// Two acquisitions in one process exclude each other too (each opens the file anew).
/// </summary>
internal sealed class InterProcessLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private FileStream? _stream;

    private InterProcessLock(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>
    /// Takes the lock, waiting while another holder has it: <paramref name="onWait"/> hears once that this waits (with
    /// the holder's pid when known); past <paramref name="timeout"/> (never when null) <paramref name="onTimeout"/>
    /// makes the error to throw.
    /// </summary>
    /// <exception cref="LambdaRustException">The lock file cannot be created (<paramref name="fixWhenUnusable"/> says what to do), or the timeout passed.</exception>
    public static async Task<InterProcessLock> AcquireAsync(
        string path,
        Action<string?> onWait,
        string fixWhenUnusable,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null,
        Func<string?, LambdaRustException>? onTimeout = null)
    {
        var started = DateTime.UtcNow;
        var told = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryAcquire(path, fixWhenUnusable) is { } acquired)
                return acquired;

            var holder = HolderPid(path);
            if (!told)
            {
                onWait(holder);
                told = true;
            }

            if (timeout is { } limit && DateTime.UtcNow - started >= limit)
            {
                throw onTimeout?.Invoke(holder) ?? new LambdaRustException(
                    $"{path} is still held{(holder is null ? "" : $" by pid {holder}")} after {limit.TotalSeconds:0} s.",
                    "Wait for that process to finish, or end it; the lock is released as soon as it ends.");
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes the lock when it is free; null when another holder has it.</summary>
    /// <exception cref="LambdaRustException">The lock file cannot be created.</exception>
    public static InterProcessLock? TryAcquire(string path, string fixWhenUnusable)
    {
        FileStream stream;
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception) when (IsHeldElsewhere(exception))
        {
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new LambdaRustException($"Cannot create the lock file {path}: {exception.Message}", fixWhenUnusable, exception);
        }

        // Best effort, only the lock matters. In a file of its own: .NET reads a file under a shared lock, which the
        // holder's exclusive one refuses.
        try
        {
            File.WriteAllText(OwnerPathOf(path), Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }

        return new InterProcessLock(path, stream);
    }

    /// <summary>Releases the lock. The file stays: deleting it would let two processes lock two different files.</summary>
    public void Dispose() => Interlocked.Exchange(ref _stream, null)?.Dispose();

    /// <summary>The lock is taken: EWOULDBLOCK from flock on Linux (11) and macOS (35), a sharing or lock violation on Windows.</summary>
    private static bool IsHeldElsewhere(IOException exception) =>
        exception is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException)
        && (OperatingSystem.IsWindows() ? (exception.HResult & 0xFFFF) is 32 or 33 : exception.HResult is 11 or 35);

    /// <summary>The pid the holder wrote beside the lock, when that process still exists.</summary>
    private static string? HolderPid(string path)
    {
        try
        {
            var text = File.ReadAllText(OwnerPathOf(path)).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && (!OperatingSystem.IsLinux() || Directory.Exists($"/proc/{pid}"))
                ? text
                : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string OwnerPathOf(string path) => path + ".owner";
}
