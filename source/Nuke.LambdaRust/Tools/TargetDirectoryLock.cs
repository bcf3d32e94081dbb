using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Nuke.LambdaRust.Tools;

/// <summary>
/// An OS file lock on cargo's target directory (<c>&lt;target dir&gt;/.lambda-rust.lock</c>, with the holder's pid in
/// <c>.lambda-rust.lock.owner</c> beside it), held while a build, a
/// package or a clean uses the directory, so that a second build or a Clean from another process waits for the
/// first instead of deleting the linker wrappers and outputs under it. Like cargo's own lock it waits as long as it
/// takes (saying so, with the holder's pid), and the wait can be cancelled. The kernel releases it when the holder
/// ends in any way, killed included, so a lock is never left stale.
/// </summary>
/// <remarks>
/// The lock is between processes: within one process it is shared, so that a target of a run that holds it may still
/// call the tool wrappers on the same directory. The file sits beside our folder, not in it: Clean deletes
/// <c>lambda-rust/</c>, and a deleted lock file would let the next process lock a new one.
/// </remarks>
internal sealed class TargetDirectoryLock : IDisposable
{
    private const string FileName = ".lambda-rust.lock";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly Dictionary<string, Holder> Held = new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
    private Holder? _holder;

    private TargetDirectoryLock(Holder holder) => _holder = holder;

    /// <summary>The lock file.</summary>
    public string Path => _holder?.Path ?? "";

    /// <summary>The lock file of <paramref name="targetDirectory"/>.</summary>
    public static string PathFor(string targetDirectory) => System.IO.Path.Combine(System.IO.Path.GetFullPath(targetDirectory), FileName);

    /// <summary>Takes the lock, waiting while another process holds it.</summary>
    /// <param name="targetDirectory">Cargo's target directory; created when it does not exist yet.</param>
    /// <param name="logger">Told once when the lock is held elsewhere and this waits.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <param name="timeout">How long to wait at most; as long as it takes when null.</param>
    /// <exception cref="LambdaRustException">The lock file cannot be created, or the timeout passed.</exception>
    public static async Task<TargetDirectoryLock> AcquireAsync(string targetDirectory, ILogger logger, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var path = PathFor(targetDirectory);
        var started = DateTime.UtcNow;
        var told = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryAcquire(path) is { } acquired)
                return acquired;

            var holder = HolderPid(path);
            if (!told)
            {
                logger.LogWarning("Waiting for another build of this workspace to finish: {Path} is held{Holder}", path, holder is null ? "" : $" by pid {holder}");
                told = true;
            }

            if (timeout is { } limit && DateTime.UtcNow - started >= limit)
            {
                throw new LambdaRustException(
                    $"Another build of this workspace{(holder is null ? "" : $" (pid {holder})")} still holds {path} after {limit.TotalSeconds:0} s.",
                    "Wait for that build to finish, or end it; the lock is released as soon as its process ends.");
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes the locks of several directories, in a fixed order so that two processes never wait for each other.</summary>
    public static async Task<IReadOnlyList<TargetDirectoryLock>> AcquireAllAsync(IEnumerable<string> targetDirectories, ILogger logger, CancellationToken cancellationToken)
    {
        var locks = new List<TargetDirectoryLock>();
        try
        {
            foreach (var directory in targetDirectories.Where(d => d.Length > 0).Select(PathFor).Distinct().Order(StringComparer.Ordinal))
                locks.Add(await AcquireAsync(System.IO.Path.GetDirectoryName(directory)!, logger, cancellationToken).ConfigureAwait(false));
            return locks;
        }
        catch
        {
            foreach (var taken in locks)
                taken.Dispose();
            throw;
        }
    }

    /// <summary>Releases the lock (the file stays: deleting it would let two processes lock two different files).</summary>
    public void Dispose()
    {
        var holder = Interlocked.Exchange(ref _holder, null);
        if (holder is null)
            return;
        lock (Held)
        {
            if (--holder.Count > 0)
                return;
            Held.Remove(holder.Path);
            holder.Stream.Dispose();
        }
    }

    private static TargetDirectoryLock? TryAcquire(string path)
    {
        lock (Held)
        {
            if (Held.TryGetValue(path, out var shared))
            {
                shared.Count++;
                return new TargetDirectoryLock(shared);
            }

            FileStream stream;
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
                // FileShare.None is flock(LOCK_EX) on Unix and a sharing lock on Windows: exclusive between processes.
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException exception) when (IsHeldElsewhere(exception))
            {
                return null;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new LambdaRustException(
                    $"Cannot create the lock file {path}: {exception.Message}",
                    "Make cargo's target directory writable (or point CARGO_TARGET_DIR / build.target-dir at a writable folder).",
                    exception);
            }

            // Who holds it, for the message of a process that waits (best effort: only the lock matters). In a file of its
            // own: .NET reads a file under a shared lock, which the holder's exclusive one refuses.
            try
            {
                File.WriteAllText(OwnerPathOf(path), Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
            }

            var holder = new Holder(path, stream);
            Held[path] = holder;
            return new TargetDirectoryLock(holder);
        }
    }

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

    private sealed class Holder(string path, FileStream stream)
    {
        public string Path { get; } = path;

        public FileStream Stream { get; } = stream;

        public int Count { get; set; } = 1;
    }
}
