using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Toolchain;

/// <summary>
/// The clang arguments that make bindgen parse C headers as zig compiles them for a target: zig's own include folders
/// (its libc headers for the target's glibc) instead of the build machine's, and the glibc minor version. zig is asked
/// once (<c>zig cc -E -v</c> prints its search list); the answer is kept beside the wrappers, keyed by the zig binary
/// and the target, so later builds spawn nothing.
/// </summary>
public static class ZigHeaderSearch
{
    /// <summary>The arguments for <c>BINDGEN_EXTRA_CLANG_ARGS_&lt;triple&gt;</c>, space separated.</summary>
    /// <param name="zig">The zig to ask.</param>
    /// <param name="target">The target (with its glibc).</param>
    /// <param name="cacheDirectory">Where the wrappers are kept; the answer is cached there.</param>
    /// <param name="logger">Receives the zig invocation (at debug level) when it runs.</param>
    /// <param name="cancellationToken">Stops zig.</param>
    /// <exception cref="LambdaRustException">zig printed no include folders.</exception>
    public static async Task<string> ArgumentsAsync(
        ZigInstallation zig, RustTarget target, string cacheDirectory, ILogger logger, CancellationToken cancellationToken = default)
    {
        var binary = new FileInfo(zig.FileName);
        var key = $"{zig.FileName}|{zig.Version}|{(binary.Exists ? binary.Length : 0)}|{(binary.Exists ? binary.LastWriteTimeUtc.Ticks : 0)}|{target.ZigTarget}";
        var cache = Path.Combine(cacheDirectory, $"bindgen-{target.ZigTarget}-{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..8].ToLowerInvariant()}.args");
        if (File.Exists(cache))
            return (await File.ReadAllTextAsync(cache, cancellationToken).ConfigureAwait(false)).Trim();

        var invocation = new ToolInvocation(zig.FileName, [.. zig.ArgumentsFor("cc"), "-target", target.ZigTarget, "-E", "-x", "c", "-v", "-o", DevNull, DevNull]);
        // Its verbose output is for us to read, not for the build log.
        logger.LogDebug("Asking zig for its headers for {Target} (for bindgen): {CommandLine}", target.ZigTarget, invocation.Render());
        var result = await ProcessRunner.RunAsync(invocation, NullLogger.Instance, cancellationToken).ConfigureAwait(false);
        var folders = IncludeFolders(result.StandardError);
        if (folders.Count == 0)
        {
            throw new LambdaRustException(
                $"zig {zig.Version} printed no include folders for {target.ZigTarget} ('zig cc -E -v').",
                "Check that this zig works (zig cc --version), or set BINDGEN_EXTRA_CLANG_ARGS_" + target.CcKey + " yourself.");
        }

        var arguments = new List<string> { "-nostdinc" };
        if (target.Glibc is { } glibc)
            arguments.Add($"-D__GLIBC_MINOR__={glibc.Minor}");
        foreach (var folder in folders)
            arguments.AddRange(["-isystem", folder]);
        var text = string.Join(' ', arguments.Select(Quote));
        Directory.CreateDirectory(cacheDirectory);
        var temporary = $"{cache}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, text, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, cache, overwrite: true);
        return text;
    }

    /// <summary>The folders between clang's <c>#include &lt;...&gt; search starts here:</c> and <c>End of search list.</c>.</summary>
    internal static IReadOnlyList<string> IncludeFolders(IEnumerable<string> verboseOutput) =>
        verboseOutput
            .SkipWhile(line => !line.StartsWith("#include <...> search starts here:", StringComparison.Ordinal))
            .Skip(1)
            .TakeWhile(line => !line.StartsWith("End of search list.", StringComparison.Ordinal))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .ToList();

    // bindgen splits the variable like a shell does; a folder with a space is quoted.
    private static string Quote(string argument) => argument.Contains(' ') ? $"\"{argument}\"" : argument;

    private static string DevNull => OperatingSystem.IsWindows() ? "NUL" : "/dev/null";
}
