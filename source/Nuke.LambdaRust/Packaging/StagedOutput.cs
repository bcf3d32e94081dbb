using System.Text.RegularExpressions;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Packaging;

/// <summary>
/// One output being written: a temporary file beside its destination (<c>.bootstrap.zip.&lt;guid&gt;.tmp</c>), held open
/// until it is moved into place or discarded, so an output never appears half-written under its real name. While it is
/// held, the handle (a shared <c>flock</c> on Unix, a share mode on Windows) tells other runs the file is in use; a run that
/// is killed leaves the file behind, and <see cref="RemoveAbandoned"/> removes it the next time that folder is written.
/// </summary>
internal sealed partial class StagedOutput : IDisposable
{
    private readonly FileStream _stream;
    private bool _committed;

    private StagedOutput(string destination, string temporaryPath, FileStream stream)
    {
        Destination = destination;
        TemporaryPath = temporaryPath;
        _stream = stream;
    }

    /// <summary>Where the output goes when committed.</summary>
    public string Destination { get; }

    /// <summary>The temporary file being written.</summary>
    public string TemporaryPath { get; }

    /// <summary>Where the caller writes the output's bytes.</summary>
    public Stream Stream => _stream;

    /// <summary>The size and hashes of the complete output; null until <see cref="Complete"/>.</summary>
    public ArtifactHashes? Hashes { get; private set; }

    /// <summary>Creates the temporary file next to <paramref name="destination"/> (and its folder).</summary>
    public static StagedOutput Create(string destination)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var temporary = Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");
        // FileShare.Delete lets the held file be renamed on Windows; any share mode but None gives a shared flock on Unix.
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Delete, 1 << 16, FileOptions.Asynchronous);
        return new StagedOutput(destination, temporary, stream);
    }

    /// <summary>Marks the output executable (<c>0755</c>), as a bare <c>bootstrap</c> must be.</summary>
    public void MakeExecutable()
    {
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(_stream.SafeFileHandle, (UnixFileMode)0b111_101_101);
    }

    /// <summary>Puts the bytes on disk (so a crash cannot leave a renamed but empty file) and hashes them.</summary>
    public ArtifactHashes Complete()
    {
        _stream.Flush(flushToDisk: true);
        Hashes = ArtifactHashes.Of(_stream);
        return Hashes;
    }

    /// <summary>Moves the complete output over its destination (one atomic rename) and lets go of it.</summary>
    /// <exception cref="IOException">The rename failed; the destination is as it was.</exception>
    public void Commit()
    {
        if (Hashes is null)
            throw new InvalidOperationException("An output must be complete before it is committed.");
        File.Move(TemporaryPath, Destination, overwrite: true);
        _committed = true;
        _stream.Dispose();
    }

    /// <summary>Lets go of the output; one that was not committed is deleted.</summary>
    public void Dispose()
    {
        _stream.Dispose();
        if (_committed)
            return;
        try
        {
            File.Delete(TemporaryPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The failure that led here matters more; the next run removes the file.
        }
    }

    /// <summary>
    /// Deletes the temporary files for <paramref name="destination"/> that a killed run left: only names of our pattern
    /// (<c>.&lt;name&gt;.&lt;32 hex digits&gt;.tmp</c>) in that folder, only regular files, and only those that no process
    /// holds open (a run still writing one keeps it). Returns what it deleted.
    /// </summary>
    public static IReadOnlyList<string> RemoveAbandoned(string destination)
    {
        var folder = Path.GetDirectoryName(destination)!;
        var name = Path.GetFileName(destination);
        if (!Directory.Exists(folder))
            return [];

        var removed = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, $".{name}.*.tmp"))
        {
            var fileName = Path.GetFileName(file);
            if (fileName.Length != name.Length + 38 || !fileName.StartsWith($".{name}.", StringComparison.Ordinal)
                || !TemporarySuffix().IsMatch(fileName[(name.Length + 2)..]) || FileKindProbe.Of(file) != FileKind.Regular)
                continue;
            try
            {
                // Fails while another run holds the file: that run is alive and will move or delete it itself.
                using (new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }

                File.Delete(file);
                removed.Add(file);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
            }
        }

        return removed;
    }

    [GeneratedRegex("^[0-9a-f]{32}\\.tmp$")]
    private static partial Regex TemporarySuffix();
}
