namespace Nuke.LambdaRust.Packaging;

/// <summary>An entry as it will be stored: its final name (folders end in <c>/</c>) and where its bytes come from.</summary>
/// <param name="Name">The stored name.</param>
/// <param name="Source">The file or content to store; <c>null</c> for a folder.</param>
internal sealed record PlannedZipEntry(string Name, ZipEntrySource? Source)
{
    /// <summary>True for a folder entry.</summary>
    public bool IsDirectory => Source is null;
}
