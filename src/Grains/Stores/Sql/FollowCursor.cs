using System.Globalization;

namespace Playbound.Grains.Stores.Sql;

/// <summary>
/// The keyset position in a newest-follow-first list: the follow time (microseconds) and the other user's id of the
/// last item returned, as <c>"micros:userId"</c>. The next page continues strictly after that pair, so follows that
/// arrive meanwhile (newer, hence before it) never shift the rest of the list.
/// </summary>
internal readonly record struct FollowCursor(long Micros, long UserId)
{
    /// <summary>The raw cursor string.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Micros}:{SocialValues.IdText(UserId)}");

    /// <summary>Parses a cursor this type produced; anything else is an <see cref="ArgumentException"/>.</summary>
    public static FollowCursor Parse(string cursor, string parameterName)
    {
        var separator = cursor.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0
            || !long.TryParse(cursor.AsSpan(0, separator), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var micros)
            || micros < SocialValues.MinMicros || micros > SocialValues.MaxMicros)
        {
            throw new ArgumentException("The cursor is malformed.", parameterName);
        }

        return new FollowCursor(micros, SocialValues.Id(cursor[(separator + 1)..], parameterName));
    }
}
