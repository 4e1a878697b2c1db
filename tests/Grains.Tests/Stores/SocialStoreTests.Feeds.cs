using System.Diagnostics;
using Playbound.Grains.Stores;

namespace Playbound.Grains.Tests.Stores;

public abstract partial class SocialStoreTests
{
    [Fact]
    public async Task Fanning_out_the_same_post_twice_leaves_it_in_each_feed_once()
    {
        var author = await NewUserAsync();
        var readers = await NewUsersAsync(3);
        var (older, newer) = (await NewPostAsync(author), await NewPostAsync(author));

        await Db.Feeds.AddToFeedsAsync(newer, author, readers, default);
        await Db.Feeds.AddToFeedsAsync(older, author, [readers[0], readers[0]], default);
        await Db.Feeds.AddToFeedsAsync(newer, author, readers, default);
        await Db.Feeds.AddToFeedsAsync(newer, author, [], default);

        Assert.Equal([new FeedEntry(newer, author), new FeedEntry(older, author)], await Db.Feeds.GetEntriesAsync(readers[0], 10, null, default));
        Assert.Equal([new FeedEntry(older, author)], await Db.Feeds.GetEntriesAsync(readers[0], 10, newer, default));
        Assert.Equal([new FeedEntry(newer, author)], await Db.Feeds.GetEntriesAsync(readers[2], 10, null, default));
    }

    [Fact]
    public async Task A_post_fans_out_to_five_thousand_followers_in_pages()
    {
        var author = await NewUserAsync();
        var earlier = NewId();
        var post = await NewPostAsync(author);
        var followers = Enumerable.Range(0, 5000).Select(_ => NewId()).ToList();
        await Db.Feeds.AddToFeedsAsync(earlier, author, [followers[0]], default);

        var clock = Stopwatch.StartNew();
        foreach (var page in followers.Chunk(1000))
        {
            await Db.Feeds.AddToFeedsAsync(post, author, page, default);
        }

        clock.Stop();
        Output.WriteLine($"{GetType().Name}: AddToFeedsAsync of 5,000 users in pages of 1,000 took {clock.Elapsed.TotalMilliseconds:F0} ms");

        // A redelivery of the whole fan-out changes nothing; then the post is in every feed exactly once.
        foreach (var page in followers.Chunk(1000))
        {
            await Db.Feeds.AddToFeedsAsync(post, author, page, default);
        }

        foreach (var follower in followers.Where((_, i) => i % 250 == 0 || i == followers.Count - 1))
        {
            Assert.Equal(new FeedEntry(post, author), (await Db.Feeds.GetEntriesAsync(follower, 10, null, default))[0]);
        }
        Assert.Equal([new FeedEntry(post, author), new FeedEntry(earlier, author)], await Db.Feeds.GetEntriesAsync(followers[0], 10, null, default));
    }

    [Fact]
    public async Task Backfill_copies_the_authors_newest_posts_once()
    {
        var (reader, author, other) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var posts = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            posts.Add(await NewPostAsync(author));
        }

        var unrelated = await NewPostAsync(other);

        await Db.Feeds.BackfillAsync(reader, author, 3, default);
        await Db.Feeds.BackfillAsync(reader, author, 3, default);

        Assert.Equal([posts[4], posts[3], posts[2]], (await Db.Feeds.GetEntriesAsync(reader, 10, null, default)).Select(entry => entry.PostId));
        Assert.DoesNotContain(unrelated, (await Db.Feeds.GetEntriesAsync(reader, 10, null, default)).Select(entry => entry.PostId));
    }

    [Fact]
    public async Task Backfilling_followers_copies_the_newest_posts_into_every_current_followers_feed()
    {
        var author = await NewUserAsync();
        var fans = await NewUsersAsync(3);
        var former = await NewUserAsync();
        foreach (var fan in fans.Append(former))
        {
            await FollowAsync(fan, author);
        }

        await FollowAsync(former, author, following: false);
        var posts = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            posts.Add(await NewPostAsync(author));
        }

        await Db.Feeds.AddToFeedsAsync(posts[3], author, [fans[0]], default);
        await Db.Feeds.BackfillFollowersAsync(author, 2, default);
        await Db.Feeds.BackfillFollowersAsync(author, 2, default);

        foreach (var fan in fans)
        {
            Assert.Equal([posts[3], posts[2]], (await Db.Feeds.GetEntriesAsync(fan, 10, null, default)).Select(entry => entry.PostId));
        }

        Assert.Empty(await Db.Feeds.GetEntriesAsync(former, 10, null, default));
    }

    [Fact]
    public async Task Removing_an_author_empties_only_that_authors_entries_from_one_feed()
    {
        var (reader, neighbour, gone, stays) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var (a, b) = (await NewPostAsync(gone), await NewPostAsync(stays));
        await Db.Feeds.AddToFeedsAsync(a, gone, [reader, neighbour], default);
        await Db.Feeds.AddToFeedsAsync(b, stays, [reader], default);

        await Db.Feeds.RemoveAuthorAsync(reader, gone, default);

        Assert.Equal([new FeedEntry(b, stays)], await Db.Feeds.GetEntriesAsync(reader, 10, null, default));
        Assert.Equal([new FeedEntry(a, gone)], await Db.Feeds.GetEntriesAsync(neighbour, 10, null, default));
    }

    [Fact]
    public async Task Removing_a_post_takes_it_out_of_the_authors_and_every_followers_feed()
    {
        var author = await NewUserAsync();
        var readers = await NewUsersAsync(4);
        foreach (var reader in readers)
        {
            await FollowAsync(reader, author);
        }

        var (kept, removed) = (await NewPostAsync(author), await NewPostAsync(author));
        await Db.Feeds.AddToFeedsAsync(kept, author, [author, .. readers], default);
        await Db.Feeds.AddToFeedsAsync(removed, author, [author, .. readers], default);

        await Db.Feeds.RemovePostAsync(removed, author, default);
        await Db.Feeds.RemovePostAsync(removed, author, default);

        foreach (var reader in readers.Append(author))
        {
            Assert.Equal([new FeedEntry(kept, author)], await Db.Feeds.GetEntriesAsync(reader, 10, null, default));
        }
    }

    [Fact]
    public async Task Trimming_keeps_only_the_newest_entries()
    {
        var (reader, other, author) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var posts = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            posts.Add(await NewPostAsync(author));
            await Db.Feeds.AddToFeedsAsync(posts[^1], author, [reader, other], default);
        }

        await Db.Feeds.TrimAsync(reader, 10, default);
        Assert.Equal(6, (await Db.Feeds.GetEntriesAsync(reader, 10, null, default)).Count);

        await Db.Feeds.TrimAsync(reader, 4, default);
        Assert.Equal([posts[5], posts[4], posts[3], posts[2]], (await Db.Feeds.GetEntriesAsync(reader, 10, null, default)).Select(entry => entry.PostId));
        Assert.Equal(6, (await Db.Feeds.GetEntriesAsync(other, 10, null, default)).Count);

        await Db.Feeds.TrimAsync(reader, 0, default);
        Assert.Empty(await Db.Feeds.GetEntriesAsync(reader, 10, null, default));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Db.Feeds.TrimAsync(reader, -1, default));
    }
}
