using System.Runtime.InteropServices;

namespace Nuke.LambdaRust.Packaging;

/// <summary>
/// Tells a regular file from a FIFO, socket or device before anything opens it: opening a FIFO to read blocks until a
/// writer comes, and a device may never end. .NET has no public API for the file type (<see cref="FileSystemInfo.Attributes"/>
/// says <c>Normal</c> for all of them), so on Unix we ask the runtime's own <c>lstat</c> shim in <c>libSystem.Native</c>,
/// the one <see cref="FileSystemInfo"/> itself uses, on every Unix .NET runs on.
/// </summary>
internal static class FileKindProbe
{
    // The type bits of FileStatus.Mode. System.Native's pal_io.h fixes these values "for managed callers to use forever".
    private const int TypeMask = 0xF000;
    private const int Fifo = 0x1000, CharacterDevice = 0x2000, Directory = 0x4000, BlockDevice = 0x6000;
    private const int Regular = 0x8000, SymbolicLink = 0xA000, Socket = 0xC000;

    /// <summary>What <paramref name="path"/> names; a link is reported as a link, not as what it points to.</summary>
    public static FileKind Of(string path)
    {
        if (OperatingSystem.IsWindows())
            return OfOnWindows(path);

        if (SystemNative.LStat(path, out var status) != 0)
            return FileKind.Missing;

        return (status.Mode & TypeMask) switch
        {
            Regular => FileKind.Regular,
            Directory => FileKind.Directory,
            SymbolicLink => FileKind.SymbolicLink,
            Fifo => FileKind.Fifo,
            Socket => FileKind.Socket,
            CharacterDevice => FileKind.CharacterDevice,
            BlockDevice => FileKind.BlockDevice,
            _ => FileKind.Other,
        };
    }

    /// <summary>What <paramref name="path"/> names after following links (<see cref="FileKind.Missing"/> for a dangling link).</summary>
    public static FileKind OfTarget(string path)
    {
        var kind = Of(path);
        if (kind != FileKind.SymbolicLink)
            return kind;

        var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true);
        return target is null ? FileKind.Missing : Of(target.FullName);
    }

    /// <summary>How to name a kind in a message: "a FIFO (named pipe)".</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a folder",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.Socket => "a socket",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Other => "a special file",
        _ => "missing",
    };

    // Windows has no FIFOs or sockets in the file system; devices show as the Device attribute.
    private static FileKind OfOnWindows(string path)
    {
        FileAttributes attributes;
        try
        {
            attributes = File.GetAttributes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return FileKind.Missing;
        }

        return attributes.HasFlag(FileAttributes.ReparsePoint) ? FileKind.SymbolicLink
            : attributes.HasFlag(FileAttributes.Directory) ? FileKind.Directory
            : attributes.HasFlag(FileAttributes.Device) ? FileKind.CharacterDevice
            : FileKind.Regular;
    }

    private static class SystemNative
    {
        // Only the first two fields are read. The buffer is several times the size of the runtime's FileStatus, so a
        // field added at its end by a later runtime cannot overrun it.
        [StructLayout(LayoutKind.Sequential, Size = 512)]
        public struct FileStatusPrefix
        {
            public int Flags;
            public int Mode;
        }

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
        public static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatusPrefix status);
    }
}
