using System.Globalization;
using System.Text.Json;
using Playbound.Grains.Json;

namespace Playbound.Grains.Interfaces.Tests;

public sealed class UtcDateTimeOffsetConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new UtcDateTimeOffsetConverter() } };

    public static TheoryData<DateTimeOffset> Times => new()
    {
        new DateTimeOffset(2026, 12, 6, 14, 25, 38, 123, TimeSpan.Zero).AddTicks(4567),
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, 6, TimeSpan.FromHours(-7)),
        new DateTimeOffset(2026, 12, 31, 23, 59, 59, 999, TimeSpan.FromHours(5.5)),
        DateTimeOffset.MinValue,
        DateTimeOffset.MaxValue,
        new DateTimeOffset(987, 6, 5, 4, 3, 2, 1, TimeSpan.Zero),
    };

    [Theory]
    [MemberData(nameof(Times))]
    public void Writes_iso_8601_utc_to_the_millisecond_with_a_z(DateTimeOffset time)
    {
        var expected = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        Assert.Equal($"\"{expected}\"", JsonSerializer.Serialize(time, Options));
        Assert.Equal(time.UtcDateTime.AddTicks(-(time.UtcTicks % TimeSpan.TicksPerMillisecond)), JsonSerializer.Deserialize<DateTimeOffset>($"\"{expected}\"", Options).UtcDateTime);
    }
}
