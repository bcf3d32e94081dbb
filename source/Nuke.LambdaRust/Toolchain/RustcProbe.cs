using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Toolchain;

/// <summary>What one rustc says about itself: its version and sysroot, and which targets' std that sysroot holds.</summary>
/// <param name="Rustc">The executable, a full path.</param>
/// <param name="VersionLine">The first line of <c>rustc -V</c>.</param>
/// <param name="Sysroot">The output of <c>rustc --print sysroot</c>.</param>
internal sealed record RustcProbe(string Rustc, string VersionLine, string Sysroot)
{
    /// <summary>The version number: <c>1.96.0</c> from <c>rustc 1.96.0 (ac68faa20 2026-05-25)</c>.</summary>
    public string Version => VersionLine.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var number, ..] ? number : VersionLine;

    /// <summary>Where the target's std must be: <c>&lt;sysroot&gt;/lib/rustlib/&lt;triple&gt;/lib</c>.</summary>
    public string StdDirectory(string triple) => Path.Combine(Sysroot, "lib", "rustlib", triple, "lib");

    /// <summary>True when the sysroot holds a <c>libstd-*.rlib</c> for <paramref name="triple"/> (checked afresh each time: rustup may just have added it).</summary>
    public bool HasStd(string triple)
    {
        var directory = StdDirectory(triple);
        return Directory.Exists(directory) && Directory.EnumerateFiles(directory, "libstd-*.rlib").Any();
    }

    /// <summary>
    /// Runs <c>rustc -V</c> and <c>rustc --print sysroot</c> (or takes their answers from the <see cref="ProbeCache"/> while
    /// the binary is unchanged); throws <see cref="LambdaRustException"/> when rustc does not run.
    /// </summary>
    public static Task<RustcProbe> RunAsync(string rustc, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken) =>
        RunAsync(rustc, environment, ProbeCache.Default, cancellationToken);

    /// <inheritdoc cref="RunAsync(string, IReadOnlyDictionary{string, string?}, CancellationToken)"/>
    internal static async Task<RustcProbe> RunAsync(string rustc, IReadOnlyDictionary<string, string?> environment, ProbeCache cache, CancellationToken cancellationToken)
    {
        var answers = await cache.GetOrProbeAsync(rustc, "-V; --print sysroot", async () =>
        [
            await FirstLineAsync(rustc, ["-V"], environment, cancellationToken).ConfigureAwait(false),
            await FirstLineAsync(rustc, ["--print", "sysroot"], environment, cancellationToken).ConfigureAwait(false),
        ]).ConfigureAwait(false);
        return new RustcProbe(rustc, answers[0], answers[1]);
    }

    private static async Task<string> FirstLineAsync(string rustc, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var invocation = new ToolInvocation(rustc, arguments) { Environment = environment };
        await ProcessRunner.RunAsync(invocation, NullLogger.Instance, cancellationToken, onOutput: lines.Add).ConfigureAwait(false);
        return lines.Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0)
               ?? throw new LambdaRustException($"'{rustc} {string.Join(' ', arguments)}' printed nothing.", "Check that this is a working rustc.");
    }
}
