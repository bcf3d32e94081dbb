namespace Nuke.LambdaRust.Packaging;

/// <summary>One entry to put in a Lambda zip: a file from disk, bytes from memory, or a folder.</summary>
/// <param name="EntryPath">The path inside the zip, with <c>/</c> separators and no leading <c>/</c>, e.g. <c>bootstrap</c> or <c>extensions/my-extension</c>.</param>
/// <param name="SourceFile">The file on disk whose bytes are stored; <c>null</c> for a folder entry (or for <see cref="Content"/>).</param>
/// <param name="Executable">Store the entry with mode <c>0755</c> instead of <c>0644</c>; <c>bootstrap</c> and extensions need it.</param>
public sealed record ZipEntrySource(string EntryPath, string? SourceFile, bool Executable)
{
    /// <summary>Bytes to store instead of reading <see cref="SourceFile"/>; set by <see cref="FromContent"/>.</summary>
    public ReadOnlyMemory<byte>? Content { get; init; }

    /// <summary>True when this entry is a folder (no source file and no content).</summary>
    public bool IsDirectory => SourceFile is null && Content is null;

    /// <summary>A folder entry such as <c>extensions/</c>; folders are stored with mode <c>0755</c>.</summary>
    public static ZipEntrySource ForDirectory(string entryPath) => new(entryPath, null, Executable: false);

    /// <summary>A file entry whose bytes come from memory (e.g. a generated config file).</summary>
    public static ZipEntrySource FromContent(string entryPath, ReadOnlyMemory<byte> content, bool executable = false) =>
        new(entryPath, null, executable) { Content = content };

    /// <summary>Where the bytes come from, for messages.</summary>
    internal string Origin => SourceFile ?? (Content is not null ? "(in-memory content)" : "(folder)");
}
