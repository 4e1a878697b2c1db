using System.Net;
using Playbound.Api.Tests.Realtime;

namespace Playbound.Api.Tests;

/// <summary>
/// api.md: "A post appears in every follower's feed whether its author is below or above the celebrity threshold".
/// Runs on the realtime collection's Api, where two followers make a celebrity, whose posts are merged into feeds on
/// read instead of fanned out.
/// </summary>
[Collection(RealtimeCollection.Name)]
public sealed class CelebrityFeedTests(RealtimeFixture api)
{
    [Fact]
    public async Task A_celebritys_posts_are_in_every_followers_feed_until_deleted_or_unfollowed()
    {
        var celebrity = await api.UserAsync();
        var fans = new List<ApiClient>();
        for (var i = 0; i <= RealtimeFixture.CelebrityThreshold; i++)
        {
            fans.Add(await api.UserAsync());
            await fans[i].FollowAsync(celebrity);
        }

        var early = await PostIdAsync(celebrity, "before the late fan came");
        var lateFan = await api.UserAsync();
        await lateFan.FollowAsync(celebrity);
        var own = await PostIdAsync(lateFan, "my own post");
        var later = await PostIdAsync(celebrity, "after");
        var doomed = await PostIdAsync(celebrity, "deleted soon");

        foreach (var fan in fans)
        {
            await FeedIsAsync(fan, doomed, later, early);
        }

        await FeedIsAsync(lateFan, doomed, later, own, early);

        await Expect.StatusAsync(await celebrity.DeleteAsync($"/api/v1/posts/{doomed}"), HttpStatusCode.NoContent);
        await FeedIsAsync(fans[0], later, early);
        await FeedIsAsync(lateFan, later, own, early);

        await Expect.StatusAsync(await lateFan.DeleteAsync($"/api/v1/users/{celebrity.UserId}/follow"), HttpStatusCode.NoContent);
        await FeedIsAsync(lateFan, own);
        await FeedIsAsync(fans[^1], later, early);
    }

    private static async Task<string> PostIdAsync(ApiClient author, string text) =>
        (await author.CreatePostAsync(text)).GetProperty("postId").GetString()!;

    private static Task FeedIsAsync(ApiClient reader, params string[] postIds) =>
        Expect.EventuallyAsync(async () => Assert.Equal(postIds, Expect.Ids(await reader.GetJsonAsync("/api/v1/feed"), "postId")));
}
