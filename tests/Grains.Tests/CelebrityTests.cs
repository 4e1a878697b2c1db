using Microsoft.Extensions.DependencyInjection;
using Playbound.Grains.Stores;
using Playbound.Grains.Tests.Infrastructure;
using Playbound.Hosting;

namespace Playbound.Grains.Tests;

/// <summary>Hybrid fan-out with <c>Playbound:Feed:CelebrityThreshold</c> = 5.</summary>
public sealed class CelebrityTests
{
    private const int Threshold = 5;

    private static readonly Dictionary<string, string?> ShortCelebrityCache = new() { ["Playbound:Feed:CelebrityCacheDuration"] = "00:00:00.100" };

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task A_celebritys_post_is_not_fanned_out_but_is_merged_into_every_followers_feed(StorageKind storage)
    {
        await using var database = await TestDatabase.CreateAsync(storage);
        await using var host = await SocialCluster.StartAsync(Options(database));
        var (celebrity, neighbour) = (await host.RegisterAsync("celebrity"), await host.RegisterAsync("neighbour"));
        var fans = await RegisterFansAsync(host, celebrity);

        // The neighbour stays below the threshold: one follower fewer.
        var readers = fans[..^1];
        foreach (var reader in readers)
        {
            await host.Grain<IUserGrain>(reader).Follow(neighbour);
        }

        var older = await PublishAsync(host, neighbour, "neighbour's older post");
        var famous = await PublishAsync(host, celebrity, "famous words");
        var newer = await PublishAsync(host, neighbour, "neighbour's newer post");
        await Eventually.TrueAsync(async () => (await host.StoredFeedAsync(celebrity)).Contains(famous), "the celebrity's own feed has the post");
        await host.UntilEveryStoredFeedAsync(readers, feed => feed.Contains(newer), "fan-out of the later post finished");

        foreach (var reader in readers)
        {
            Assert.Equal([newer, older], await host.StoredFeedAsync(reader));
            Assert.Equal([newer, famous, older], await host.ReadFeedAsync(reader, pageSize: 1));
        }

        Assert.Empty(await host.StoredFeedAsync(fans[^1]));
        Assert.Equal([famous], await host.ReadFeedAsync(fans[^1]));

        Assert.Equal(PostOutcome.Done, await host.Grain<IPostGrain>(famous).Delete(celebrity));
        await Eventually.TrueAsync(async () => (await host.ReadFeedAsync(fans[0])).SequenceEqual([newer, older]), "the deleted celebrity post left the merged feed");
        Assert.Equal([newer, older], (await host.Grain<IFeedGrain>(fans[1]).GetPage(2, null)).Items.Select(static p => p.PostId));
        Assert.Empty(await host.ReadFeedAsync(fans[^1]));
    }

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task Crossing_the_threshold_down_and_up_keeps_every_followers_feed_complete(StorageKind storage)
    {
        await using var database = await TestDatabase.CreateAsync(storage);
        await using var host = await SocialCluster.StartAsync(Options(database));
        var celebrity = await host.RegisterAsync("celebrity");
        var fans = await RegisterFansAsync(host, celebrity);

        var whileFamous = await PublishAsync(host, celebrity, "while famous");
        await AssertFeedsAsync(host, fans, [whileFamous], "every fan sees the merged post");

        // Down: the leaving fan drops the count to 4; the others' stored feeds must now hold the post.
        await host.Grain<IUserGrain>(fans[^1]).Unfollow(celebrity);
        var stayed = fans[..^1];
        foreach (var fan in stayed)
        {
            await Eventually.TrueAsync(async () => (await host.StoredFeedAsync(fan)).Contains(whileFamous), $"{fan}'s stored feed was backfilled");
        }

        var whileNormal = await PublishAsync(host, celebrity, "while normal");
        await AssertFeedsAsync(host, stayed, [whileNormal, whileFamous], "fans see both posts below the threshold");
        await Eventually.TrueAsync(async () => (await host.ReadFeedAsync(fans[^1])).Count == 0, "the leaving fan's feed is empty");
        foreach (var fan in stayed)
        {
            await Eventually.TrueAsync(async () => (await host.StoredFeedAsync(fan)).Contains(whileNormal), $"{fan} got the post on write");
        }

        // Up again: the returning fan is backfilled, and the next post is merged at read time for everyone.
        await host.Grain<IUserGrain>(fans[^1]).Follow(celebrity);
        var famousAgain = await PublishAsync(host, celebrity, "famous again");
        await AssertFeedsAsync(host, fans, [famousAgain, whileNormal, whileFamous], "every fan sees all three posts");
        await Eventually.TrueAsync(async () => (await host.StoredFeedAsync(celebrity)).Contains(famousAgain), "the post's fan-out ran");
        Assert.DoesNotContain(famousAgain, await host.StoredFeedAsync(fans[0]));
    }

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task A_post_left_out_of_the_feeds_before_the_author_heard_of_its_followers_is_backfilled_when_they_drop(StorageKind storage)
    {
        await using var database = await TestDatabase.CreateAsync(storage);
        await using var host = await SocialCluster.StartAsync(Options(database));
        var celebrity = await host.RegisterAsync("celebrity");

        // Follow rows written straight to the graph stand for follow changes whose projections have not run yet:
        // the count is at the threshold, but nothing has told the author's grain.
        var fans = await GraphSetup.AddFollowersAsync(host, celebrity, Threshold);
        var post = await PublishAsync(host, celebrity, "before anyone told me");
        await Eventually.TrueAsync(async () => (await host.StoredFeedAsync(celebrity)).Contains(post), "the post's fan-out ran");
        Assert.Empty(await host.StoredFeedAsync(fans[0]));

        // One fan leaves; the follow projection would now ask the author to re-check its status.
        var graph = host.Services.GetRequiredService<IFollowGraph>();
        await graph.SetFollowAsync(fans[^1], celebrity, following: false, version: 2, DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Equal(AuthorStatus.Active, await host.Grain<IUserGrain>(celebrity).RefreshAuthorStatus());

        foreach (var fan in fans[..^1])
        {
            Assert.Equal([post], await host.StoredFeedAsync(fan));
        }
    }

    private static SocialClusterOptions Options(TestDatabase database) => database.ClusterOptions(Threshold, ShortCelebrityCache);

    /// <summary>Registers <see cref="Threshold"/> fans, each following <paramref name="followees"/> through the grains.</summary>
    private static async Task<string[]> RegisterFansAsync(SocialCluster host, params string[] followees)
    {
        var fans = await host.RegisterManyAsync("fan", Threshold);
        foreach (var (fan, followee) in fans.SelectMany(fan => followees.Select(followee => (fan, followee))))
        {
            Assert.Equal(FollowOutcome.Done, await host.Grain<IUserGrain>(fan).Follow(followee));
        }

        return fans;
    }

    private static async Task<string> PublishAsync(SocialCluster host, string author, string text) =>
        (await host.Grain<IUserPostsGrain>(author).Publish(text, null)).PostId;

    private static async Task AssertFeedsAsync(SocialCluster host, IEnumerable<string> readers, string[] expected, string because)
    {
        foreach (var reader in readers)
        {
            await Eventually.TrueAsync(async () => (await host.ReadFeedAsync(reader, pageSize: 2)).SequenceEqual(expected), $"{because} ({reader})");
        }
    }
}
