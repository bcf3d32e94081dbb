namespace Nuke.LambdaRust.Packaging;

/// <summary>
/// Checks, before anything is built, that packaging will be able to write under a lambda directory: no part of the path
/// is a file, and the deepest folder that exists takes a new file. Nothing is created but a probe file, deleted at once.
/// </summary>
internal static class OutputDirectoryCheck
{
    /// <summary>Throws when packages cannot be written under <paramref name="directory"/>.</summary>
    /// <param name="directory">The lambda directory (need not exist yet).</param>
    /// <param name="origin">Where it was set, for the error: <c>--lambda-dir</c>, <c>lambda_dir of hello</c>.</param>
    /// <exception cref="LambdaRustException">A part of the path is a file, or the folder is not writable.</exception>
    public static void EnsureUsable(string directory, string origin)
    {
        var fullPath = Path.GetFullPath(directory);
        var existing = fullPath;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                throw new LambdaRustException(
                    $"The lambda directory '{fullPath}' ({origin}) cannot be created: '{existing}' is a file.",
                    $"Point {origin} at a folder (or a path that does not exist yet), or move the file away.");
            }

            existing = Path.GetDirectoryName(existing)
                ?? throw new LambdaRustException($"The lambda directory '{fullPath}' ({origin}) is on no existing drive.", $"Point {origin} at a folder on an existing drive.");
        }

        var probe = Path.Combine(existing, $".lambda-rust-probe-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new LambdaRustException(
                $"The lambda directory '{fullPath}' ({origin}) is not usable: cannot write in '{existing}' ({exception.Message}).",
                $"Point {origin} at a writable folder, e.g. target/lambda, or fix the folder's permissions.",
                exception);
        }
    }
}
