using System.Text.Json;

namespace Nuke.LambdaRust.Toolchain;

/// <summary>
/// What tool binaries said about themselves (<c>zig version</c>, <c>rustc -V</c> and <c>--print sysroot</c>), kept in
/// <c>probes.json</c> in the tools cache and keyed by the binary's full path, size and modification time: an unchanged
/// binary answers the same, so a warm build need not start it again. A new or replaced binary (an upgrade, a reinstall)
/// has another size or time and is probed afresh. Never for a rustup proxy, whose answer depends on the folder and the
/// environment rather than on its own bytes.
/// </summary>
internal sealed class ProbeCache(string file)
{
    private static readonly Lazy<ProbeCache> Shared = new(() => new ProbeCache(Path.Combine(ToolCache.ToolsDirectory(), "probes.json")));

    private readonly object _gate = new();
    private Dictionary<string, Entry>? _entries;

    /// <summary>The cache of this user's tools folder.</summary>
    public static ProbeCache Default => Shared.Value;

    /// <summary>The lines <paramref name="probe"/> returns for <paramref name="executable"/> (a full path), from the cache while the binary is unchanged.</summary>
    /// <param name="executable">The binary asked.</param>
    /// <param name="question">What was asked, e.g. <c>version</c>: part of the key.</param>
    /// <param name="probe">Runs the binary; a failure (an exception) is not cached.</param>
    public async Task<IReadOnlyList<string>> GetOrProbeAsync(string executable, string question, Func<Task<IReadOnlyList<string>>> probe)
    {
        var stamp = Stamp(executable);
        if (stamp is null)
            return await probe().ConfigureAwait(false);

        var key = executable + "\n" + question;
        lock (_gate)
        {
            if (Load().TryGetValue(key, out var cached) && cached.Stamp == stamp)
                return cached.Lines;
        }

        var lines = await probe().ConfigureAwait(false);
        lock (_gate)
        {
            var entries = Load();
            entries[key] = new Entry(stamp, [.. lines]);
            Save(entries);
        }

        return lines;
    }

    /// <summary>Size and modification time of the file the path ends at (following links); null when it is not to be cached.</summary>
    private static string? Stamp(string executable)
    {
        try
        {
            if (!Path.IsPathRooted(executable) || IsRustupProxy(executable))
                return null;
            var info = new FileInfo(executable);
            var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
            return target is { Exists: true } ? $"{target.Length}:{target.LastWriteTimeUtc.Ticks}" : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>rustup's proxies (rustc, cargo ...) live beside rustup itself, in CARGO_HOME/bin.</summary>
    private static bool IsRustupProxy(string executable) =>
        Path.GetDirectoryName(executable) is { } folder
        && (File.Exists(Path.Combine(folder, "rustup")) || File.Exists(Path.Combine(folder, "rustup.exe")));

    private Dictionary<string, Entry> Load()
    {
        if (_entries is not null)
            return _entries;
        try
        {
            _entries = File.Exists(file)
                ? JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllText(file)) ?? []
                : [];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            _entries = []; // unreadable or half-written by an older version: probe again and write it anew
        }

        return _entries;
    }

    /// <summary>Writes a temporary file and renames it over the cache, so another build never reads half a file; entries of binaries that are gone are dropped.</summary>
    private void Save(Dictionary<string, Entry> entries)
    {
        foreach (var gone in entries.Keys.Where(k => !File.Exists(k[..k.IndexOf('\n', StringComparison.Ordinal)])).ToList())
            entries.Remove(gone);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var temporary = $"{file}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(entries));
            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A read-only cache only costs the next build its probes.
        }
    }

    /// <summary>One cached answer.</summary>
    internal sealed record Entry(string Stamp, string[] Lines);
}
