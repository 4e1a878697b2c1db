using System.Globalization;

namespace Playbound.Grains.Stores.Sql;

/// <summary>
/// Converts the stores' edge values (decimal id strings, text, times) into what the tables hold, rejecting what they
/// cannot hold with <see cref="ArgumentException"/> before any SQL runs.
/// </summary>
internal static class SocialValues
{
    /// <summary>The largest page or id batch a single query returns.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>
    /// Parses an id: the canonical decimal form of a positive 64-bit integer. Ids are time-sortable, so they are
    /// stored as integers and compared numerically; leading zeros are refused so every id reads back exactly as given.
    /// </summary>
    public static long Id(string? value, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        if (value.Length is 0 or > 19 || value[0] == '0'
            || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new ArgumentException($"'{Shorten(value)}' is not an id (a positive 64-bit decimal integer).", parameterName);
        }

        return id;
    }

    /// <summary>Parses an optional id; null stays null.</summary>
    public static long? OptionalId(string? value, string parameterName) => value is null ? null : Id(value, parameterName);

    /// <summary>Formats an id as its decimal string.</summary>
    public static string IdText(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Throws when <paramref name="value"/> is null or holds a NUL character (PostgreSQL refuses it) or an unpaired
    /// surrogate (not encodable as UTF-8, so it would not read back as written).
    /// </summary>
    public static string Text(string? value, string parameterName)
    {
        StorageText.Validate(value, parameterName);
        return value!;
    }

    /// <summary>Checks a page size or batch size.</summary>
    public static int Limit(int limit, string parameterName = "limit")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit, parameterName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit, parameterName);
        return limit;
    }

    /// <summary>The earliest time, in microseconds since the Unix epoch, that a <see cref="DateTimeOffset"/> can hold.</summary>
    public static readonly long MinMicros = Micros(DateTimeOffset.MinValue);

    /// <summary>The latest time, in microseconds since the Unix epoch, that a <see cref="DateTimeOffset"/> can hold.</summary>
    public static readonly long MaxMicros = Micros(DateTimeOffset.MaxValue);

    /// <summary>Microseconds since the Unix epoch: the precision both databases keep (PostgreSQL's timestamptz).</summary>
    public static long Micros(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>The UTC time of <paramref name="micros"/> microseconds since the Unix epoch.</summary>
    public static DateTimeOffset Time(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond);

    // Echoing a hostile multi-megabyte value into an exception message helps nobody.
    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
