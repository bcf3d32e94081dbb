using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Tools;

/// <summary>
/// The lock on cargo's target directory (<c>&lt;target dir&gt;/.lambda-rust.lock</c>, an <see cref="InterProcessLock"/>),
/// held while a build, a package or a clean uses the directory, so that a second build or a Clean from another process
/// waits for the first instead of deleting the linker wrappers and outputs under it. Like cargo's own lock it waits as
/// long as it takes, saying so once with the holder's pid, and the wait can be cancelled.
/// </summary>
/// <remarks>
/// Within one process it is shared, so that a target of a run that holds it may still call the tool wrappers on the
/// same directory. The file sits beside our folder, not in it: Clean deletes <c>lambda-rust/</c>, and a deleted lock
/// file would let the next process lock a new one.
/// </remarks>
internal sealed class TargetDirectoryLock : IDisposable
{
    private const string FileName = ".lambda-rust.lock";
    private static readonly Dictionary<string, Holder> Held = new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
    private static readonly Dictionary<string, SemaphoreSlim> Acquiring = new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
    private Holder? _holder;

    private TargetDirectoryLock(Holder holder) => _holder = holder;

    /// <summary>The lock file.</summary>
    public string Path => _holder?.Lock.Path ?? "";

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
        // One first acquisition of a directory at a time in this process, so that a second one shares the first's lock
        // instead of racing it (and waiting for it as if it were another process).
        SemaphoreSlim gate;
        lock (Acquiring)
        {
            if (!Acquiring.TryGetValue(path, out gate!))
                Acquiring[path] = gate = new SemaphoreSlim(1, 1);
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (Held)
            {
                if (Held.TryGetValue(path, out var shared))
                {
                    shared.Count++;
                    return new TargetDirectoryLock(shared);
                }
            }

            var taken = await InterProcessLock.AcquireAsync(
                path,
                holder => logger.LogWarning("Waiting for another build of this workspace to finish: {Path} is held{Holder}", path, holder is null ? "" : $" by pid {holder}"),
                "Make cargo's target directory writable (or point CARGO_TARGET_DIR / build.target-dir at a writable folder).",
                cancellationToken,
                timeout,
                holder => new LambdaRustException(
                    $"Another build of this workspace{(holder is null ? "" : $" (pid {holder})")} still holds {path} after {timeout!.Value.TotalSeconds:0} s.",
                    "Wait for that build to finish, or end it; the lock is released as soon as its process ends.")).ConfigureAwait(false);
            var holder = new Holder(taken);
            lock (Held)
                Held[path] = holder;
            return new TargetDirectoryLock(holder);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Takes the locks of several directories, in a fixed order so that two processes never wait for each other; the
    /// returned object releases them all.
    /// </summary>
    public static async Task<IDisposable> AcquireAllAsync(IEnumerable<string> targetDirectories, ILogger logger, CancellationToken cancellationToken)
    {
        var locks = new Several();
        try
        {
            foreach (var directory in targetDirectories.Where(d => d.Length > 0).Select(System.IO.Path.GetFullPath).Distinct().Order(StringComparer.Ordinal))
                locks.Taken.Add(await AcquireAsync(directory, logger, cancellationToken).ConfigureAwait(false));
            return locks;
        }
        catch
        {
            locks.Dispose();
            throw;
        }
    }

    /// <summary>Releases this share of the lock; the last share releases the file lock.</summary>
    public void Dispose()
    {
        var holder = Interlocked.Exchange(ref _holder, null);
        if (holder is null)
            return;
        lock (Held)
        {
            if (--holder.Count > 0)
                return;
            Held.Remove(holder.Lock.Path);
            holder.Lock.Dispose();
        }
    }

    private sealed class Holder(InterProcessLock taken)
    {
        public InterProcessLock Lock { get; } = taken;

        public int Count { get; set; } = 1;
    }

    private sealed class Several : IDisposable
    {
        public List<TargetDirectoryLock> Taken { get; } = [];

        public void Dispose()
        {
            foreach (var taken in Taken)
                taken.Dispose();
            Taken.Clear();
        }
    }
}
