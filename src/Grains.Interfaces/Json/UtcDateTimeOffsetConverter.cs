using System.Globalization;
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
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
