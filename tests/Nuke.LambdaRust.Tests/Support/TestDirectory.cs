namespace Nuke.LambdaRust.Tests.Support;

/// <summary>
/// A fresh folder under the system temp folder (unique per instance, so tests run in parallel safely), deleted with
/// everything in it on dispose.
/// </summary>
internal sealed class TestDirectory : IDisposable
{
    private readonly string _root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nuke-lambdarust-tests-" + Guid.NewGuid().ToString("N"));

    /// <param name="name">A subfolder of the unique folder to use as <see cref="Path"/>, e.g. one with spaces in its name.</param>
    public TestDirectory(string? name = null)
    {
        Path = name is null ? _root : System.IO.Path.Combine(_root, name);
        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>The full path of <paramref name="relative"/> inside this folder.</summary>
    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>The full path of the parts joined inside this folder.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a UTF-8 text file with LF line endings (creating its folders) and returns its full path.</summary>
    public string Write(string relative, string content) =>
        Write(relative, System.Text.Encoding.UTF8.GetBytes(content.ReplaceLineEndings("\n")));

    /// <summary>Writes a file (creating its folders) and returns its full path.</summary>
    public string Write(string relative, byte[] content)
    {
        var file = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, content);
        return file;
    }

    /// <summary>Deletes the folder, best effort: a leftover temp folder must not turn a passing test into a failure.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }
    }
}
