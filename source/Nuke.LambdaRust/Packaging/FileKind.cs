namespace Nuke.LambdaRust.Packaging;

/// <summary>What a path names on disk, as <c>lstat</c> tells it (links are not followed).</summary>
internal enum FileKind
{
    /// <summary>Nothing is there (or it cannot be examined).</summary>
    Missing,

    /// <summary>A regular file: the only kind packaging reads.</summary>
    Regular,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A symbolic link (or, on Windows, another reparse point).</summary>
    SymbolicLink,

    /// <summary>A named pipe: opening it to read waits for a writer, forever if none comes.</summary>
    Fifo,

    /// <summary>A Unix domain socket.</summary>
    Socket,

    /// <summary>A character device such as <c>/dev/zero</c>, which may never end.</summary>
    CharacterDevice,

    /// <summary>A block device (a disk).</summary>
    BlockDevice,

    /// <summary>Another special file (a Solaris door, a BSD whiteout).</summary>
    Other,
}
