using System.Security.Cryptography;
using System.Text;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Toolchain;

/// <summary>
/// Writes the per-target wrapper executables that let cargo use zig: cargo and cc-rs take ONE program as linker or
/// compiler, while zig needs a subcommand, a <c>-target</c> with the glibc version, and a filter for arguments it
/// rejects. The scripts are ours; cargo-zigbuild is not needed.
/// </summary>
/// <remarks>
/// File names carry a hash of the content (<c>zigcc-aarch64-linux-gnu.2.34-1a2b3c4d.sh</c>), and a file is rewritten
/// only when its content differs, through a temporary file and a rename. Cargo fingerprints the linker path, so
/// unchanged wrappers never cause a rebuild, and a different zig or glibc gets a new file instead of changing one
/// that a running build uses.
/// </remarks>
public static class ZigLinkerWrapper
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    // Windows PowerShell 5.1 reads a script without a byte order mark in the ANSI code page, which would garble a
    // zig path with non-ASCII characters.
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Writes (when needed) the cc, c++, ar and ranlib wrappers for <paramref name="target"/> into <paramref name="cacheDirectory"/>.</summary>
    /// <param name="zig">The zig to run.</param>
    /// <param name="target">The target; its <see cref="RustTarget.ZigTarget"/> (with glibc) goes into the compiler wrappers.</param>
    /// <param name="cacheDirectory">Where to keep the wrappers (created when missing), e.g. <c>target/lambda-rust/zig</c>.</param>
    /// <param name="host">The platform the build runs on: <c>.sh</c> scripts (mode 0700) on Linux and macOS, <c>.cmd</c> + <c>.ps1</c> on Windows.</param>
    /// <returns>The full paths of the four wrappers.</returns>
    /// <exception cref="LambdaRustException">The directory cannot be written.</exception>
    public static ZigWrapperSet Write(ZigInstallation zig, RustTarget target, string cacheDirectory, HostPlatform host)
    {
        ArgumentNullException.ThrowIfNull(zig);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheDirectory);

        var directory = Path.GetFullPath(cacheDirectory);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new LambdaRustException(
                $"Could not create the zig wrapper directory {directory}: {exception.Message}",
                "Make it writable, or choose another cache directory.",
                exception);
        }

        var cc = WriteTool(ZigTool.Cc, zig, target, directory, host);
        var cxx = WriteTool(ZigTool.Cxx, zig, target, directory, host);
        var ar = WriteTool(ZigTool.Ar, zig, target, directory, host);
        var ranlib = WriteTool(ZigTool.Ranlib, zig, target, directory, host);
        var toolchainFile = RenderCmakeToolchain(target, cc, cxx, ar, ranlib);
        var toolchainPath = Path.Combine(directory, $"cmake-{target.ZigTarget}-{Hash(toolchainFile)}.cmake");
        WriteIfChanged(toolchainPath, toolchainFile, executable: false, byteOrderMark: false);
        return new ZigWrapperSet(cc, cxx, ar, ranlib, toolchainPath);
    }

    /// <summary>
    /// A CMake toolchain file for <paramref name="target"/>: Linux on the target's processor, compiled, archived and
    /// linked by the zig wrappers; libraries, headers and packages are looked up only for the target, programs only on
    /// the build machine (the settings cargo-zigbuild writes, so cmake-based <c>-sys</c> crates cross-compile the same).
    /// </summary>
    internal static string RenderCmakeToolchain(RustTarget target, string cc, string cxx, string ar, string ranlib)
    {
        static string Path(string path) => path.Replace('\\', '/');
        return string.Join("\n",
            "# Written by Nuke.LambdaRust: cross-compiles CMake projects with zig for " + target.TripleWithGlibc + ".",
            "set(CMAKE_SYSTEM_NAME Linux)",
            $"set(CMAKE_SYSTEM_PROCESSOR {target.Architecture.ToRustArch()})",
            $"set(CMAKE_C_COMPILER \"{Path(cc)}\")",
            $"set(CMAKE_CXX_COMPILER \"{Path(cxx)}\")",
            $"set(CMAKE_AR \"{Path(ar)}\")",
            $"set(CMAKE_RANLIB \"{Path(ranlib)}\")",
            // zig's linker writes no dependency files, which CMake 3.27+ would ask for.
            "set(CMAKE_C_LINKER_DEPFILE_SUPPORTED FALSE)",
            "set(CMAKE_CXX_LINKER_DEPFILE_SUPPORTED FALSE)",
            "set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)",
            "set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)",
            "set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)",
            "set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)",
            "");
    }

    /// <summary>The C compiler and linker wrapper (<c>.ps1</c> content on Windows).</summary>
    internal static string RenderCc(ZigInstallation zig, RustTarget target, HostPlatform host) => Render(ZigTool.Cc, zig, target, host);

    /// <summary>The C++ compiler wrapper (<c>.ps1</c> content on Windows).</summary>
    internal static string RenderCxx(ZigInstallation zig, RustTarget target, HostPlatform host) => Render(ZigTool.Cxx, zig, target, host);

    /// <summary>The archiver wrapper (<c>.ps1</c> content on Windows).</summary>
    internal static string RenderAr(ZigInstallation zig, RustTarget target, HostPlatform host) => Render(ZigTool.Ar, zig, target, host);

    /// <summary>The ranlib wrapper (<c>.ps1</c> content on Windows).</summary>
    internal static string RenderRanlib(ZigInstallation zig, RustTarget target, HostPlatform host) => Render(ZigTool.Ranlib, zig, target, host);

    /// <summary>The <c>.cmd</c> launcher written next to each Windows <c>.ps1</c>.</summary>
    internal static string RenderWindowsLauncher() => PowerShellWrapperScript.RenderLauncher();

    private static string Render(ZigTool tool, ZigInstallation zig, RustTarget target, HostPlatform host) => host == HostPlatform.Windows
        ? PowerShellWrapperScript.Render(tool, zig, target)
        : PosixWrapperScript.Render(tool, zig, target);

    private static string WriteTool(ZigTool tool, ZigInstallation zig, RustTarget target, string directory, HostPlatform host)
    {
        var script = Render(tool, zig, target, host);
        if (host != HostPlatform.Windows)
        {
            var path = Path.Combine(directory, $"{tool.FilePrefix()}-{target.ZigTarget}-{Hash(script)}.sh");
            WriteIfChanged(path, script, executable: true, byteOrderMark: false);
            return path;
        }

        // The .ps1 first: a .cmd that exists always finds its script.
        var launcher = RenderWindowsLauncher();
        var name = $"{tool.FilePrefix()}-{target.ZigTarget}-{Hash(script + launcher)}";
        WriteIfChanged(Path.Combine(directory, name + ".ps1"), script, executable: false, byteOrderMark: true);
        var cmd = Path.Combine(directory, name + ".cmd");
        WriteIfChanged(cmd, launcher, executable: false, byteOrderMark: false);
        return cmd;
    }

    /// <summary>The first 8 hex digits of the content's SHA-256.</summary>
    internal static string Hash(string content) =>
        Convert.ToHexString(SHA256.HashData(Utf8NoBom.GetBytes(content)))[..8].ToLowerInvariant();

    private static void WriteIfChanged(string path, string content, bool executable, bool byteOrderMark)
    {
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        byte[] bytes = byteOrderMark ? [.. Utf8Bom, .. Utf8NoBom.GetBytes(content)] : Utf8NoBom.GetBytes(content);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
            {
                // Same content: leave the file (and its mtime) alone; only repair the mode if someone changed it.
                if (executable && !OperatingSystem.IsWindows() && File.GetUnixFileMode(path) != ownerOnly)
                    File.SetUnixFileMode(path, ownerOnly);
                return;
            }

            File.WriteAllBytes(temporary, bytes);
            if (executable && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(temporary, ownerOnly);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new LambdaRustException(
                $"Could not write the zig wrapper {path}: {exception.Message}",
                "Make its directory writable, or choose another cache directory.",
                exception);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
