using System.Text.Json;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Packaging;

/// <summary>
/// What packaging wrote in one lambda directory, kept beside the outputs in <c>&lt;lambda dir&gt;/.lambda-rust-outputs.json</c>:
/// every file with its SHA-256 and the <see cref="PackageFingerprint"/> of what it was made from, and every folder that
/// packaging created. Clean deletes only what this record names, and a file whose bytes no longer match its hash is no
/// longer ours (the user replaced it), so it is left alone.
/// </summary>
/// <remarks>
/// The format is <c>{"format":1,"files":{"arm64/hello/bootstrap.zip":"&lt;sha256 hex&gt;"},"inputs":{"arm64/hello/bootstrap.zip":"&lt;fingerprint&gt;"},"folders":["arm64","arm64/hello"]}</c>,
/// paths relative to the lambda directory with <c>/</c> separators, sorted, so the file is the same for the same outputs.
/// <c>inputs</c> is optional (records of earlier versions have none: their packages are written anew once).
/// </remarks>
internal sealed class PackageOutputRecord
{
    /// <summary>The record's file name inside a lambda directory.</summary>
    public const string FileName = ".lambda-rust-outputs.json";

    private const int Format = 1;

    private readonly SortedDictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _inputs = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _folders = new(StringComparer.Ordinal);

    private PackageOutputRecord(string lambdaDirectory)
    {
        LambdaDirectory = lambdaDirectory;
    }

    /// <summary>The lambda directory the record describes.</summary>
    public string LambdaDirectory { get; }

    /// <summary>The record's own file.</summary>
    public string RecordPath => Path.Combine(LambdaDirectory, FileName);

    /// <summary>The files written, relative paths with their SHA-256 (hex).</summary>
    public IReadOnlyDictionary<string, string> Files => _files;

    /// <summary>The folders created, relative paths.</summary>
    public IReadOnlyCollection<string> Folders => _folders;

    /// <summary>True when the record names nothing.</summary>
    public bool IsEmpty => _files.Count == 0 && _folders.Count == 0;

    /// <summary>The record of <paramref name="lambdaDirectory"/>; empty when there is none yet.</summary>
    /// <exception cref="LambdaRustException">The record exists but is not one this tool wrote.</exception>
    public static PackageOutputRecord Load(string lambdaDirectory)
    {
        var record = new PackageOutputRecord(Path.GetFullPath(lambdaDirectory));
        if (FileKindProbe.Of(record.RecordPath) == FileKind.Missing)
            return record;

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(record.RecordPath));
            var root = document.RootElement;
            if (root.GetProperty("format").GetInt32() != Format)
                throw new FormatException($"format {root.GetProperty("format")} is not {Format}");
            foreach (var file in root.GetProperty("files").EnumerateObject())
            {
                var hash = file.Value.GetString() ?? "";
                if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower))
                    throw new FormatException($"'{file.Name}' has no SHA-256");
                record._files[CheckedRelative(file.Name)] = hash;
            }

            if (root.TryGetProperty("inputs", out var inputs))
            {
                foreach (var input in inputs.EnumerateObject())
                    record._inputs[CheckedRelative(input.Name)] = input.Value.GetString() ?? "";
            }

            foreach (var folder in root.GetProperty("folders").EnumerateArray())
                record._folders.Add(CheckedRelative(folder.GetString() ?? ""));
        }
        catch (Exception exception) when (exception is JsonException or FormatException or KeyNotFoundException or InvalidOperationException
                                              or IOException or UnauthorizedAccessException)
        {
            throw new LambdaRustException(
                $"{record.RecordPath} is not a record of packages written by this tool: {exception.Message}",
                $"Delete {record.RecordPath}; then delete by hand the packages it listed, since Clean deletes only what a record names.",
                exception);
        }

        return record;
    }

    /// <summary>The full path of a recorded relative path.</summary>
    public string FullPath(string relative) => Path.Combine(LambdaDirectory, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>True when <paramref name="file"/> is recorded and still holds the bytes packaging wrote.</summary>
    public bool Owns(string file) =>
        _files.TryGetValue(Relative(file), out var hash)
        && FileKindProbe.Of(file) == FileKind.Regular
        && ArtifactHashes.Of(file).Sha256Hex == hash;

    /// <summary>Records a file packaging wrote, with the fingerprint of what it was made from when there is one.</summary>
    public void AddFile(string file, string sha256Hex, string? fingerprint = null)
    {
        var relative = Relative(file);
        _files[relative] = sha256Hex;
        if (fingerprint is null)
            _inputs.Remove(relative);
        else
            _inputs[relative] = fingerprint;
    }

    /// <summary>
    /// The hashes of <paramref name="file"/> when it is recorded as made from <paramref name="fingerprint"/> and still holds
    /// the bytes packaging wrote; null otherwise (never packaged, other inputs, changed or replaced since).
    /// </summary>
    public ArtifactHashes? Unchanged(string file, string fingerprint)
    {
        var relative = Relative(file);
        if (!_inputs.TryGetValue(relative, out var recorded) || recorded != fingerprint || !_files.TryGetValue(relative, out var hash)
            || FileKindProbe.Of(file) != FileKind.Regular)
            return null;
        var hashes = ArtifactHashes.Of(file);
        return hashes.Sha256Hex == hash ? hashes : null;
    }

    /// <summary>Records a folder packaging created (one inside the lambda directory; others are ignored).</summary>
    public void AddFolder(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (RealPath.IsInside(LambdaDirectory, full) && Path.GetRelativePath(LambdaDirectory, full) is not "." and var relative)
            _folders.Add(relative.Replace(Path.DirectorySeparatorChar, '/'));
    }

    /// <summary>Forgets a file by its recorded relative path (deleted, or no longer ours).</summary>
    public void RemoveFile(string relative)
    {
        _files.Remove(relative);
        _inputs.Remove(relative);
    }

    /// <summary>Forgets the file at <paramref name="file"/>.</summary>
    public void RemoveFileAt(string file) => RemoveFile(Relative(file));

    /// <summary>Forgets a folder (deleted, or gone).</summary>
    public void RemoveFolder(string relative) => _folders.Remove(relative);

    /// <summary>Writes the record (through a temporary file and a rename), or deletes it when it names nothing.</summary>
    public void Save()
    {
        StagedOutput.RemoveAbandoned(RecordPath);
        if (IsEmpty)
        {
            if (FileKindProbe.Of(RecordPath) == FileKind.Regular)
                File.Delete(RecordPath);
            return;
        }

        using var staged = StagedOutput.Create(RecordPath);
        using (var writer = new Utf8JsonWriter(staged.Stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format", Format);
            writer.WriteStartObject("files");
            foreach (var (path, hash) in _files)
                writer.WriteString(path, hash);
            writer.WriteEndObject();
            writer.WriteStartObject("inputs");
            foreach (var (path, fingerprint) in _inputs.Where(i => _files.ContainsKey(i.Key)))
                writer.WriteString(path, fingerprint);
            writer.WriteEndObject();
            writer.WriteStartArray("folders");
            foreach (var folder in _folders)
                writer.WriteStringValue(folder);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        staged.Complete();
        staged.Commit();
    }

    private string Relative(string path) => Path.GetRelativePath(LambdaDirectory, Path.GetFullPath(path)).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>A recorded path must stay inside the lambda directory, so a tampered record cannot make Clean delete elsewhere.</summary>
    private static string CheckedRelative(string path)
    {
        if (path.Length == 0 || path.StartsWith('/') || path.Contains('\\') || Path.IsPathRooted(path) || path.Split('/').Any(p => p is "" or "." or ".."))
            throw new FormatException($"'{path}' is not a relative path inside the lambda directory");
        return path;
    }
}
