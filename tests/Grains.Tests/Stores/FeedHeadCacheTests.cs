using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Playbound.Grains.Diagnostics;
using Playbound.Grains.Stores;
using Playbound.Grains.Stores.Sql;
using Playbound.Grains.Stores.Sqlite;
using Playbound.Grains.Tests.Infrastructure;

namespace Playbound.Grains.Tests.Stores;

/// <summary>
/// The embedded feeds' head cache in front of a real SQLite feed store (heads of 8 entries here): pages read from memory
/// are the pages the store reads, a write is seen by the next read, a read racing a write never keeps what the write
/// changed, and the cache stays within its bound. The conformance suite (<see cref="SqliteSocialStoreTests"/>) runs
/// through the cache as well, as registered.
/// </summary>
public sealed class FeedHeadCacheTests : IAsyncLifetime
{
    private const int HeadSize = 8;

    private readonly string _directory = TestDatabases.NewSqliteDirectory();
    private ServiceProvider _provider = null!;
    private IFeedStore _store = null!;
    private CountingFeedStore _counted = null!;
    private long _lastId = 7_400_000_000_000_000;

    public Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSqliteSocialStores(options => (options.DataDirectory, options.FeedHeadEntries) = (_directory, 0));
        _provider = services.BuildServiceProvider();
        _store = _provider.GetRequiredService<IFeedStore>();
        Assert.IsType<SqlFeedStore>(_store);
        _counted = CountingFeedStore.Over(_store);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Pages_served_from_the_head_are_the_pages_the_store_reads_for_every_limit_and_cursor()
    {
        using var cache = Cache();
        var (author, longFeed, shortFeed) = (NewId(), NewId(), NewId());
        for (var i = 0; i < 20; i++)
        {
            await _store.AddToFeedsAsync(NewId(), author, i < 5 ? [longFeed, shortFeed] : [longFeed], default);
        }

        foreach (var feed in new[] { longFeed, shortFeed })
        {
            for (var limit = 1; limit <= HeadSize + 2; limit++)
            {
                Assert.Equal(await WalkAsync(_store, feed, limit), await WalkAsync(cache, feed, limit));
            }
        }

        Assert.True(_counted.Reads < 100, $"{_counted.Reads} store reads for the pages read through the cache");
    }

    [Fact]
    public async Task An_unchanged_feed_is_read_from_the_store_once()
    {
        using var cache = Cache();
        var (author, reader) = (NewId(), NewId());
        await _store.AddToFeedsAsync(NewId(), author, [reader], default);

        var first = await cache.GetEntriesAsync(reader, 5, null, default);
        var again = await cache.GetEntriesAsync(reader, 5, null, default);

        Assert.Equal(first, again);
        Assert.Single(first);
        Assert.Equal(1, _counted.Reads);
    }

    [Fact]
    public async Task A_write_is_in_the_next_read_of_the_feeds_it_names_and_leaves_the_other_heads_in_memory()
    {
        using var cache = Cache();
        var (author, reader, other) = (NewId(), NewId(), NewId());
        var (older, newer) = (NewId(), NewId());
        await cache.AddToFeedsAsync(older, author, [reader, other], default);
        await cache.GetEntriesAsync(reader, 5, null, default);
        await cache.GetEntriesAsync(other, 5, null, default);

        await cache.AddToFeedsAsync(newer, author, [reader], default);

        Assert.Equal([new FeedEntry(newer, author), new FeedEntry(older, author)], await cache.GetEntriesAsync(reader, 5, null, default));
        Assert.Equal([new FeedEntry(older, author)], await cache.GetEntriesAsync(other, 5, null, default));
        Assert.Equal(3, _counted.Reads);
    }

    [Fact]
    public async Task A_write_reaching_feeds_it_does_not_name_forgets_every_head()
    {
        using var cache = Cache();
        var (author, reader, other) = (NewId(), NewId(), NewId());
        var follows = _provider.GetRequiredService<IFollowGraph>();
        foreach (var follower in new[] { reader, other })
        {
            await follows.SetFollowAsync(follower, author, true, ++_lastId, DateTimeOffset.UnixEpoch, default);
        }

        var post = NewId();
        await cache.AddToFeedsAsync(post, author, [reader, other], default);
        await cache.GetEntriesAsync(reader, 5, null, default);
        await cache.GetEntriesAsync(other, 5, null, default);

        await cache.RemovePostAsync(post, author, default);

        Assert.Empty(await cache.GetEntriesAsync(reader, 5, null, default));
        Assert.Empty(await cache.GetEntriesAsync(other, 5, null, default));
        Assert.Equal(4, _counted.Reads);
    }

    [Fact]
    public async Task A_read_that_raced_a_write_does_not_keep_the_head_it_read_before_the_write()
    {
        using var cache = Cache();
        var (author, reader) = (NewId(), NewId());
        var (older, newer) = (NewId(), NewId());
        await _store.AddToFeedsAsync(older, author, [reader], default);

        // The read queries the store, then is held before it returns; the write commits and is over meanwhile.
        var held = _counted.HoldNextRead();
        var racing = cache.GetEntriesAsync(reader, 5, null, default);
        await held.Read;
        await cache.AddToFeedsAsync(newer, author, [reader], default);
        held.Release();

        Assert.Equal([new FeedEntry(older, author)], await racing);
        Assert.Equal([new FeedEntry(newer, author), new FeedEntry(older, author)], await cache.GetEntriesAsync(reader, 5, null, default));
    }

    [Fact]
    public async Task Past_its_bound_the_cache_forgets_every_head_and_fills_again()
    {
        using var cache = Cache(maxFeeds: 2);
        var author = NewId();
        var readers = new[] { NewId(), NewId(), NewId() };
        await _store.AddToFeedsAsync(NewId(), author, readers, default);

        foreach (var reader in readers)
        {
            await cache.GetEntriesAsync(reader, 5, null, default);
        }

        await cache.GetEntriesAsync(readers[0], 5, null, default);
        await cache.GetEntriesAsync(readers[0], 5, null, default);
        Assert.Equal(4, _counted.Reads);
    }

    [Fact]
    public async Task A_page_as_large_as_the_head_and_a_bad_limit_go_past_the_cache()
    {
        using var cache = Cache();
        var (author, reader) = (NewId(), NewId());
        await _store.AddToFeedsAsync(NewId(), author, [reader], default);

        await cache.GetEntriesAsync(reader, HeadSize, null, default);
        await cache.GetEntriesAsync(reader, HeadSize, null, default);

        Assert.Equal(2, _counted.Reads);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => cache.GetEntriesAsync(reader, 0, null, default));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => cache.GetEntriesAsync(reader, 5, "not-a-position", default));
    }

    [Fact]
    public async Task Two_stores_over_one_file_in_one_process_share_their_heads_until_the_last_is_disposed()
    {
        var file = Path.Combine(_directory, "shared");
        var (author, reader) = (NewId(), NewId());
        var (older, newer) = (NewId(), NewId());
        await _store.AddToFeedsAsync(older, author, [reader], default);
        var first = Cache(file: file);
        using (var second = Cache(file: file))
        {
            await first.GetEntriesAsync(reader, 5, null, default);
            await second.GetEntriesAsync(reader, 5, null, default);
            Assert.Equal(1, _counted.Reads);

            // A second silo's fan-out, as in the test clusters: the first silo's next read sees it.
            await second.AddToFeedsAsync(newer, author, [reader], default);
            Assert.Equal([new FeedEntry(newer, author), new FeedEntry(older, author)], await first.GetEntriesAsync(reader, 5, null, default));
            Assert.Equal(2, _counted.Reads);
        }

        first.Dispose();
        using var reopened = Cache(file: file);
        await reopened.GetEntriesAsync(reader, 5, null, default);
        Assert.Equal(3, _counted.Reads);
    }

    [Fact]
    public async Task Reads_are_counted_as_hits_misses_and_pages_past_the_head()
    {
        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == FeedMetrics.MeterName && instrument.Name == FeedHeadCache.ReadsName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (seen)
            {
                var result = (string)tags.ToArray().Single(t => t.Key == "result").Value!;
                seen[result] = seen.GetValueOrDefault(result) + value;
            }
        });
        listener.Start();
        using var cache = Cache();
        var (author, reader) = (NewId(), NewId());
        await _store.AddToFeedsAsync(NewId(), author, [reader], default);

        await cache.GetEntriesAsync(reader, 5, null, default);
        await cache.GetEntriesAsync(reader, 5, null, default);
        await cache.GetEntriesAsync(reader, HeadSize, null, default);

        lock (seen)
        {
            Assert.All(["hit", "miss", "past"], result => Assert.True(seen.GetValueOrDefault(result) >= 1, $"{result}: {seen.GetValueOrDefault(result)}"));
        }
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(10_001, 10)]
    [InlineData(32, 0)]
    public void Head_options_out_of_range_are_refused(int entries, int feeds)
    {
        var services = new ServiceCollection();
        services.AddSqliteSocialStores(options => (options.DataDirectory, options.FeedHeadEntries, options.FeedHeadFeeds) = (_directory, entries, feeds));
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IFeedStore>());
    }

    private FeedHeadCache Cache(int maxFeeds = 100, string? file = null) =>
        new((IFeedStore)_counted, FeedHeads.Acquire(file ?? Path.Combine(_directory, Guid.NewGuid().ToString("N")), HeadSize, maxFeeds));

    private string NewId() => (++_lastId).ToString(CultureInfo.InvariantCulture);

    /// <summary>Every page of <paramref name="feed"/>, <paramref name="limit"/> at a time, each from the last one's last position.</summary>
    private static async Task<List<FeedEntry[]>> WalkAsync(IFeedStore feeds, string feed, int limit)
    {
        var pages = new List<FeedEntry[]>();
        string? before = null;
        while (true)
        {
            var page = (await feeds.GetEntriesAsync(feed, limit, before, default)).ToArray();
            pages.Add(page);
            if (page.Length < limit)
            {
                return pages;
            }

            before = page[^1].Position;
        }
    }
}
