using Nuke.LambdaRust.Model;
using System.Globalization;

namespace Nuke.LambdaRust.Packaging;

/// <summary>
/// Writes Lambda deployment zips that are byte-for-byte reproducible: the same files give the same bytes, and so the same
/// <c>CodeSha256</c>, whatever their modification times, the input order, or the OS of the build host.
/// </summary>
/// <remarks>
/// Entries are sorted by ordinal path, parent folders are stored explicitly, every entry carries one fixed timestamp,
/// and Unix modes are stored (<c>0755</c> for executables and folders, <c>0644</c> for data) with "made by" Unix, so
/// Lambda and <c>unzip</c> honour them even for zips built on Windows. The zip is written to a temporary file next to
/// <c>zipPath</c> and renamed over it only when complete, so a failure never leaves a half-written zip.
/// Deflated bytes come from the runtime's zlib at its highest level, in chunks compressed on every core (<see cref="ChunkedDeflate"/>);
/// the core count never changes them, a different .NET runtime may.
/// </remarks>
public static class BootstrapZip
{
    /// <summary>The variable of the reproducible-builds convention that fixes timestamps: seconds since 1970-01-01 UTC.</summary>
    internal const string SourceDateEpochVariable = "SOURCE_DATE_EPOCH";

    /// <summary>
    /// Writes <paramref name="entries"/> to <paramref name="zipPath"/> (creating its folder, replacing a previous zip atomically)
    /// and returns the zip's size and hashes.
    /// </summary>
    /// <param name="zipPath">Where the zip goes, e.g. <c>target/lambda/my-fn/bootstrap.zip</c>.</param>
    /// <param name="entries">The files and folders to store, in any order.</param>
    /// <param name="timestamp">The time stored for every entry; <see cref="ResolveTimestamp"/> when null.</param>
    /// <param name="cancellationToken">Stops the write; the previous zip, if any, stays as it was.</param>
    /// <exception cref="LambdaRustException">An entry path is invalid or duplicated, a source file is missing or too large, or the zip cannot be written.</exception>
    public static async Task<ArtifactHashes> WriteAsync(
        string zipPath,
        IEnumerable<ZipEntrySource> entries,
        DateTimeOffset? timestamp = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(zipPath);
        var planned = ZipEntryPlanner.Plan(entries);
        var dosTimestamp = DosTimestamp.From(timestamp ?? ResolveTimestamp());

        using var staged = await StageAsync(zipPath, planned, dosTimestamp, cancellationToken).ConfigureAwait(false);
        try
        {
            staged.Commit();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite(staged.Destination, exception);
        }

        return staged.Hashes!;
    }

    /// <summary>
    /// Writes the zip to a temporary file beside <paramref name="zipPath"/> and leaves it there, complete and hashed, for the
    /// caller to commit (or discard, by disposing it): how a run writes all its packages before it replaces any.
    /// </summary>
    /// <exception cref="LambdaRustException">A folder has the zip's name, a source cannot be read, or the zip cannot be written.</exception>
    internal static async Task<StagedOutput> StageAsync(
        string zipPath, IReadOnlyList<PlannedZipEntry> planned, DosTimestamp timestamp, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(zipPath);
        if (Directory.Exists(fullPath))
        {
            throw new LambdaRustException(
                $"Cannot write the zip '{fullPath}': a folder with that name exists.",
                "Choose another zip path, or remove the folder.");
        }

        StagedOutput? staged = null;
        try
        {
            staged = StagedOutput.Create(fullPath);
            var writer = new ZipArchiveWriter(staged.Stream, timestamp);
            foreach (var entry in planned)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.AddAsync(entry, cancellationToken).ConfigureAwait(false);
            }

            await writer.FinishAsync(cancellationToken).ConfigureAwait(false);
            staged.Complete();
            cancellationToken.ThrowIfCancellationRequested();
            return staged;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            staged?.Dispose();
            throw CannotWrite(fullPath, exception);
        }
        catch
        {
            staged?.Dispose();
            throw;
        }
    }

    private static LambdaRustException CannotWrite(string zipPath, Exception exception) => new(
        $"Cannot write the zip '{zipPath}': {exception.Message}",
        "Check that the folder is writable, the disk has space, and no other process holds the zip open.",
        exception);

    /// <summary>
    /// The timestamp stored in every entry: <c>SOURCE_DATE_EPOCH</c> (seconds since 1970-01-01 UTC) when set,
    /// otherwise 1980-01-01T00:00:00Z, the earliest time a zip can store. Values outside the zip range
    /// (1980 to 2107) are clamped to it.
    /// </summary>
    /// <param name="environment">
    /// Variables that take precedence over this process's environment (as in a tool invocation): a key that is present
    /// wins, and a <c>null</c> value means unset. When null, the process environment alone is used.
    /// </param>
    /// <exception cref="LambdaRustException"><c>SOURCE_DATE_EPOCH</c> is not a whole number of seconds, or not one of the years 1 to 9999.</exception>
    public static DateTimeOffset ResolveTimestamp(IReadOnlyDictionary<string, string?>? environment = null)
    {
        var value = environment is not null && environment.TryGetValue(SourceDateEpochVariable, out var given)
            ? given
            : Environment.GetEnvironmentVariable(SourceDateEpochVariable);
        if (string.IsNullOrWhiteSpace(value))
            return DosTimestamp.Earliest;

        var trimmed = value.Trim();
        var fix = $"Set {SourceDateEpochVariable} to an integer such as the last commit's time (git log -1 --format=%ct), or unset it.";
        var digits = trimmed.StartsWith('-') || trimmed.StartsWith('+') ? trimmed[1..] : trimmed;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
            throw new LambdaRustException($"{SourceDateEpochVariable}='{value}' is not a whole number of seconds since 1970-01-01 UTC.", fix);

        var lowest = DateTimeOffset.MinValue.ToUnixTimeSeconds();
        var highest = DateTimeOffset.MaxValue.ToUnixTimeSeconds();
        if (!long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) || seconds < lowest || seconds > highest)
        {
            throw new LambdaRustException(
                $"{SourceDateEpochVariable}='{value}' is out of range: it must be between {lowest} and {highest} seconds since 1970-01-01 UTC " +
                "(the years 1 to 9999); times a zip cannot store, before 1980-01-01 or after 2107-12-31, are then clamped to those dates.",
                fix);
        }

        var earliestSeconds = DosTimestamp.Earliest.ToUnixTimeSeconds();
        var latestSeconds = DosTimestamp.Latest.ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, earliestSeconds, latestSeconds));
    }
}
