using Microsoft.Extensions.Options;
using Playbound.Grains.Ids;

namespace Playbound.Grains.Tests;

public sealed class SnowflakeIdGeneratorTests
{
    [Fact]
    public void Ids_carry_time_node_and_sequence()
    {
        var clock = new SettableClock(SnowflakeId.Epoch.AddMilliseconds(1234));
        var generator = Generator(clock, node: 5);

        var first = generator.NextValue();
        var second = generator.NextValue();

        Assert.Equal(SnowflakeId.Compose(1234, 5, 0), first);
        Assert.Equal(SnowflakeId.Compose(1234, 5, 1), second);
        Assert.Equal(clock.Now, SnowflakeId.Timestamp(first));
        Assert.Equal(first.ToString(System.Globalization.CultureInfo.InvariantCulture), SnowflakeId.Format(first));
    }

    [Fact]
    public void Ids_keep_increasing_when_the_clock_steps_back_or_a_millisecond_runs_out_of_sequence()
    {
        var clock = new SettableClock(SnowflakeId.Epoch.AddSeconds(10));
        var generator = Generator(clock, node: 0);
        var ids = new List<long>();
        for (var i = 0; i < SnowflakeId.MaxSequence + 10; i++)
        {
            ids.Add(generator.NextValue());
        }

        clock.Now -= TimeSpan.FromSeconds(5);
        ids.Add(generator.NextValue());
        clock.Now += TimeSpan.FromSeconds(6);
        ids.Add(generator.NextValue());

        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Ids_are_unique_and_increasing_per_thread_under_concurrency()
    {
        var generator = Generator(TimeProvider.System, node: 1023);
        var perThread = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 20_000).Select(_ => generator.NextValue()).ToArray())));

        Assert.All(perThread, ids => Assert.Equal(ids.Order(), ids));
        Assert.Equal(8 * 20_000, perThread.SelectMany(static ids => ids).Distinct().Count());
    }

    [Theory]
    [InlineData("123", true)]
    [InlineData("-1", false)]
    [InlineData("0", false)]
    [InlineData("0123", false)]
    [InlineData("12a", false)]
    [InlineData(" 1", false)]
    [InlineData("99999999999999999999", false)]
    public void Only_non_negative_decimal_integers_parse_as_ids(string text, bool valid) =>
        Assert.Equal(valid, SnowflakeId.TryParse(text, out _));

    [Fact]
    public void A_cursor_that_is_not_an_id_is_rejected() =>
        Assert.Throws<ArgumentException>(() => SnowflakeId.ParseCursor("abc"));

    private static SnowflakeIdGenerator Generator(TimeProvider clock, int node) =>
        new(Options.Create(new IdGeneratorOptions { NodeId = node }), clock);

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
