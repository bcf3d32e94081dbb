namespace Nuke.LambdaRust.Packaging;

/// <summary>
/// The MS-DOS date and time a zip stores for every entry: local wall-clock fields with 2-second resolution,
/// representable from 1980-01-01 to 2107-12-31. We put UTC fields in it so the bytes do not depend on the host's time zone.
/// </summary>
internal readonly record struct DosTimestamp(ushort Time, ushort Date)
{
    /// <summary>The earliest instant a DOS timestamp can hold.</summary>
    public static readonly DateTimeOffset Earliest = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The latest instant a DOS timestamp can hold.</summary>
    public static readonly DateTimeOffset Latest = new(2107, 12, 31, 23, 59, 58, TimeSpan.Zero);

    /// <summary>Moves <paramref name="instant"/> into the range a DOS timestamp can hold.</summary>
    public static DateTimeOffset Clamp(DateTimeOffset instant) =>
        instant < Earliest ? Earliest : instant > Latest ? Latest : instant.ToUniversalTime();

    /// <summary>Encodes an instant (clamped, UTC, seconds rounded down to even).</summary>
    public static DosTimestamp From(DateTimeOffset instant)
    {
        var utc = Clamp(instant).UtcDateTime;
        var time = (utc.Hour << 11) | (utc.Minute << 5) | (utc.Second / 2);
        var date = ((utc.Year - 1980) << 9) | (utc.Month << 5) | utc.Day;
        return new DosTimestamp((ushort)time, (ushort)date);
    }
}
