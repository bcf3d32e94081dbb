using System.IO.Compression;

namespace Nuke.LambdaRust.Runtime;

/// <summary>
/// A temporary folder laid out like a Lambda sandbox: <c>task</c> (Lambda's <c>/var/task</c>) holding the package's
/// files with their modes, and an empty <c>runtime</c> (Lambda's <c>/var/runtime</c>). Deleted on dispose.
/// </summary>
internal sealed class SandboxDirectory : IDisposable
{
    private SandboxDirectory(string root)
    {
        Root = root;
        Directory.CreateDirectory(TaskRoot);
        Directory.CreateDirectory(RuntimeDirectory);
    }

    /// <summary>The temporary folder.</summary>
    public string Root { get; }

    /// <summary>The package's files: Lambda's <c>/var/task</c>.</summary>
    public string TaskRoot => Path.Combine(Root, "task");

    /// <summary>An empty folder standing for Lambda's <c>/var/runtime</c>.</summary>
    public string RuntimeDirectory => Path.Combine(Root, "runtime");

    /// <summary>The bootstrap Lambda starts.</summary>
    public string Bootstrap => Path.Combine(TaskRoot, "bootstrap");

    /// <summary>Unpacks a <c>bootstrap.zip</c>, or copies a bare <c>bootstrap</c>, into a new sandbox folder.</summary>
    /// <exception cref="LambdaRustException">The zip is unreadable, reaches outside its folder, or has no <c>bootstrap</c> at its root.</exception>
    public static SandboxDirectory Create(string packagePath)
    {
        var sandbox = new SandboxDirectory(Path.Combine(Path.GetTempPath(), "lambda-rust-invoke-" + Guid.NewGuid().ToString("N")));
        try
        {
            if (IsZip(packagePath))
                sandbox.Extract(packagePath);
            else
                File.Copy(packagePath, sandbox.Bootstrap);
            if (!File.Exists(sandbox.Bootstrap))
            {
                var extension = Directory.Exists(Path.Combine(sandbox.TaskRoot, "extensions"));
                throw new LambdaRustException(
                    $"The package '{packagePath}' has no 'bootstrap' at its root{(extension ? "; it holds a Lambda extension (extensions/...)" : "")}, so Lambda could not start it as a function.",
                    extension
                        ? "Invoke a function's package (<lambda dir>/<arch>/<function>/bootstrap.zip); extensions run beside a function, they are not invoked."
                        : "Package the function with Package (it writes bootstrap at the zip's root, mode 0755), or pass the right zip.");
            }

            return sandbox;
        }
        catch
        {
            sandbox.Dispose();
            throw;
        }
    }

    /// <summary>Deletes the folder and everything in it.</summary>
    public void Dispose()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }

    private static bool IsZip(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        return stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual("PK\u0003\u0004"u8);
    }

    private void Extract(string zipPath)
    {
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException exception)
        {
            throw new LambdaRustException($"The package '{zipPath}' is not a readable zip: {exception.Message}", "Package the function again.", exception);
        }

        using (archive)
        {
            var root = Path.GetFullPath(TaskRoot) + Path.DirectorySeparatorChar;
            foreach (var entry in archive.Entries)
            {
                var destination = Path.GetFullPath(Path.Combine(TaskRoot, entry.FullName));
                if (!destination.StartsWith(root, StringComparison.Ordinal))
                {
                    throw new LambdaRustException(
                        $"The package '{zipPath}' has an entry '{entry.FullName}' that points outside the folder it is unpacked into.",
                        "Package the function again; a Lambda zip's entries are relative paths inside it.");
                }

                if (entry.FullName.EndsWith('/'))
                {
                    Directory.CreateDirectory(destination);
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                entry.ExtractToFile(destination);
                // The mode is in the high half of the external attributes (made on Unix): bootstrap needs its 0755, as on Lambda.
                var mode = (entry.ExternalAttributes >> 16) & 0x1FF;
                if (mode != 0 && !OperatingSystem.IsWindows())
                    File.SetUnixFileMode(destination, (UnixFileMode)mode);
            }
        }
    }
}
