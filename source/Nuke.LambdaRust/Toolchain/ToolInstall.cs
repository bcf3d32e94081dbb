using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Toolchain;

/// <summary>
/// Installs a tool into its folder once, however many Setups (other roots, other processes) try at the same time: under
/// an <see cref="InterProcessLock"/> beside the folder, into a staging folder that is renamed into place when the
/// install succeeded. A Setup that waited finds the tool installed and installs nothing; an install that was
/// interrupted or failed leaves nothing where the tool is expected, and its staging folder is removed by the next one.
/// </summary>
internal static class ToolInstall
{
    private const string StagingMarker = ".partial-";

    /// <param name="directory">The tool's folder, e.g. <c>&lt;tools&gt;/zig</c>.</param>
    /// <param name="isInstalled">Whether the tool is there and whole (checked again once the lock is held).</param>
    /// <param name="install">Installs into the staging folder it is given (which does not exist yet).</param>
    /// <param name="logger">Told when this waits for another install.</param>
    /// <param name="cancellationToken">Ends the wait or the install.</param>
    /// <returns>True when this call installed it, false when another one had.</returns>
    public static async Task<bool> OnceAsync(
        string directory, Func<bool> isInstalled, Func<string, Task> install, ILogger logger, CancellationToken cancellationToken)
    {
        directory = Path.GetFullPath(directory);
        var parent = Path.GetDirectoryName(directory)!;
        var name = Path.GetFileName(directory);
        using var installing = await InterProcessLock.AcquireAsync(
            Path.Combine(parent, $".{name}.install.lock"),
            holder => logger.LogWarning("Waiting for another Setup{Holder} to finish installing {Directory}", holder is null ? "" : $" (pid {holder})", directory),
            $"Make {parent} writable, or move the tools folder ({ToolCache.EnvironmentVariable}=<folder>).",
            cancellationToken).ConfigureAwait(false);

        if (isInstalled())
        {
            logger.LogInformation("{Directory} was installed by another Setup meanwhile", directory);
            return false;
        }

        // What an interrupted install left: its staging folder, or (from versions that installed in place) a half tool.
        foreach (var leftover in Directory.EnumerateDirectories(parent, name + StagingMarker + "*"))
            Directory.Delete(leftover, recursive: true);
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);

        var staging = directory + StagingMarker + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await install(staging).ConfigureAwait(false);
            Directory.Move(staging, directory); // a rename within one folder: the tool appears whole or not at all
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }

        return true;
    }
}
