namespace Playbound.Streaming.Kafka.Tests;

/// <summary>The watermark arithmetic behind every commit, including offsets Kafka skips.</summary>
public sealed class InFlightLedgerTests
{
    [Fact]
    public void The_watermark_moves_only_over_a_delivered_prefix_and_ignores_gaps_between_offsets()
    {
        // Offsets 11 and 13-14 do not exist (compaction, transaction markers): only read records hold the watermark.
        var ledger = new InFlightLedger<string>(10);
        foreach (var offset in new long[] { 10, 12, 15 })
        {
            ledger.Track(offset, $"record {offset}");
        }

        Assert.True(ledger.MarkDelivered(15));
        Assert.Equal(10, ledger.Watermark);
        Assert.True(ledger.MarkDelivered(10));
        Assert.Equal(11, ledger.Watermark);
        Assert.True(ledger.MarkDelivered(12));
        Assert.Equal(16, ledger.Watermark);
        Assert.Equal(0, ledger.Count);
    }

    [Fact]
    public void A_record_is_released_once_and_is_no_longer_found_after()
    {
        var ledger = new InFlightLedger<string>(-1);
        ledger.Track(3, "three");

        Assert.True(ledger.TryGet(3, out var item));
        Assert.Equal("three", item);
        Assert.True(ledger.MarkDelivered(3));
        Assert.False(ledger.MarkDelivered(3));
        Assert.False(ledger.TryGet(3, out _));
        Assert.False(ledger.MarkDelivered(99));
        Assert.Equal(4, ledger.Watermark);
    }
}
