using Microsoft.Extensions.DependencyInjection;
using Playbound.Grains.Stores;
using Playbound.Grains.Tests.Infrastructure;

namespace Playbound.Grains.Tests;

[Collection(SharedClusterCollection.Name)]
public sealed class SearchTests(SharedClusterFixture fixture)
{
    private readonly SocialCluster _host = fixture.Cluster;
    private readonly TestHandles _h = SocialCluster.NewHandles();
    private readonly string _tag = "t" + Guid.NewGuid().ToString("N")[..12];

    private ISearchGrain Search => _host.Grains.GetGrain<ISearchGrain>(0);

    [Fact]
    public async Task Tags_are_parsed_once_at_write_and_a_tag_page_skips_posts_deleted_since_they_were_indexed()
    {
        var author = await _host.RegisterAsync(_h["author"]);
        var reader = await _host.RegisterAsync(_h["reader"]);
        var posts = new List<PostView>();
        for (var i = 0; i < 5; i++)
        {
            posts.Add(await _host.Grain<IUserPostsGrain>(author).Publish($"#{_tag.ToUpperInvariant()} number {i} #{_tag}", null));
        }

        Assert.All(posts, post => Assert.Equal([_tag], post.Tags));
        await _host.Grain<IPostGrain>(posts[3].PostId).Like(reader);
        await _host.Grain<IPostGrain>(posts[2].PostId).Delete(author);

        var first = await Search.GetTagged(_tag.ToUpperInvariant(), 2, null, reader);
        var second = await Search.GetTagged(_tag, 2, first.NextCursor, reader);

        Assert.Equal([posts[4].PostId, posts[3].PostId], first.Items.Select(p => p.PostId));
        Assert.True(first.Items[1].LikedByMe);
        Assert.Equal([posts[1].PostId, posts[0].PostId], second.Items.Select(p => p.PostId));
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task A_post_event_written_before_tags_existed_still_indexes_the_posts_tags()
    {
        var author = await _host.RegisterAsync(_h["author"]);
        var post = await _host.Grain<IUserPostsGrain>(author).Publish($"from the old version #{_tag}", null);
        await _host.UntilEventsDeliveredAsync();
        var index = _host.Services.GetRequiredService<IPostIndex>();
        await index.RemoveAsync(post.PostId, default);
        Assert.Empty((await Search.GetTagged(_tag, 10, null, author)).Items);

        // As a queue still holding an event of the previous version would deliver it: no Tags field at all.
        await _host.PostStream(author).OnNextAsync(new PostPublished(post.PostId, author, post.CreatedAt, Tags: null));
        await _host.UntilEventsDeliveredAsync();

        Assert.Equal([post.PostId], (await Search.GetTagged(_tag, 10, null, author)).Items.Select(p => p.PostId));
    }

    [Fact]
    public async Task Post_search_reads_the_query_as_words_and_user_search_by_prefix()
    {
        var author = await _host.RegisterAsync(_h["author"], "Zebulon Quartermaine");
        var match = await _host.Grain<IUserPostsGrain>(author).Publish($"{_tag} \"quoted\" NEAR(x) OR *", null);
        await _host.Grain<IUserPostsGrain>(author).Publish($"{_tag} alone", null);

        foreach (var query in new[] { $"{_tag} quoted", $"\"{_tag.ToUpperInvariant()}\" NEAR( OR *quoted*", $"#{_tag} '; quoted --" })
        {
            Assert.Equal([match.PostId], (await Search.FindPosts(query, 10, null, author)).Items.Select(p => p.PostId));
        }

        Assert.Empty((await Search.FindPosts($"{_tag} '; DROP TABLE posts; --", 10, null, author)).Items);
        Assert.Empty((await Search.FindPosts("*** \"", 10, null, author)).Items);
        var users = await Search.FindUsers("quartermain", 10, null, author);
        Assert.Contains(users.Items, u => u.UserId == author && u.DisplayName == "Zebulon Quartermaine");
    }
}
