using System.Globalization;

namespace Playbound.Grains.Ids;

/// <summary>The layout of snowflake ids, and parsing of their decimal form for ordering and cursors.</summary>
public static class SnowflakeId
{
    /// <summary>Time zero of the timestamp bits: 2026-01-01 UTC.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The largest node id (10 bits).</summary>
    public const int MaxNodeId = (1 << NodeBits) - 1;

    /// <summary>The largest sequence number within one millisecond (12 bits).</summary>
    public const int MaxSequence = (1 << SequenceBits) - 1;

    private const int MaxDigits = 19;
    private const int NodeBits = 10;
    private const int SequenceBits = 12;

    /// <summary>Builds an id from its parts.</summary>
    public static long Compose(long milliseconds, long node, long sequence) =>
        (milliseconds << (NodeBits + SequenceBits)) | (node << SequenceBits) | sequence;

    /// <summary>When the id was made.</summary>
    public static DateTimeOffset Timestamp(long id) => Epoch.AddMilliseconds(id >> (NodeBits + SequenceBits));

    /// <summary>
    /// Parses an id's canonical decimal form (as <see cref="Format"/> writes it and the stores accept it): a positive
    /// 64-bit integer without sign, spaces or leading zeros.
    /// </summary>
    public static bool TryParse(string? text, out long id)
    {
        id = 0;
        return text is { Length: > 0 and <= MaxDigits } && text[0] != '0'
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    /// <summary>The decimal form of an id.</summary>
    public static string Format(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses an id that must be valid (it came from storage).</summary>
    /// <exception cref="FormatException">It is not an id.</exception>
    public static long Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a snowflake id.");

    /// <summary>Parses a raw cursor (an id), or returns null for none.</summary>
    /// <exception cref="ArgumentException">The cursor is not an id.</exception>
    public static long? ParseCursor(string? cursor) =>
        cursor is null ? null
        : TryParse(cursor, out var id) ? id
        : throw new ArgumentException($"'{cursor}' is not a valid cursor.", nameof(cursor));
}
