using System.Text.Json;
using System.Text.Json.Serialization;

namespace Playbound.Grains.Json;

/// <summary>
/// The JSON shape of every time clients see, over REST and realtime pushes alike (a silo serializes pushes for the Api
/// nodes in cluster mode): writes as ISO-8601 UTC with a <c>Z</c> (api.md), whatever offset a grain returned it with.
/// </summary>
public sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => WriteUtc(writer, value);

    /// <summary>Writes <paramref name="value"/> as api.md's UTC time (for converters that write a time field themselves).</summary>
    public static void WriteUtc(Utf8JsonWriter writer, DateTimeOffset value)
    {
        // yyyy-MM-ddTHH:mm:ss.fffZ, digit by digit: a custom format string costs more than the rest of a post's JSON.
        var utc = value.UtcDateTime;
        Span<byte> text = stackalloc byte[24];
        Digits(text[..4], utc.Year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), utc.Month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), utc.Day);
        text[10] = (byte)'T';
        Digits(text.Slice(11, 2), utc.Hour);
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), utc.Minute);
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), utc.Second);
        text[19] = (byte)'.';
        Digits(text.Slice(20, 3), utc.Millisecond);
        text[23] = (byte)'Z';
        writer.WriteStringValue(text);
    }

    private static void Digits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
