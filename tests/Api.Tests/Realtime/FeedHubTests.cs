using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Playbound.Api.Tests.Infrastructure;

namespace Playbound.Api.Tests.Realtime;

/// <summary>
/// The hub at /hubs/feed end to end over real sockets with the official SignalR .NET client: who receives which push,
/// and what bad calls get.
/// </summary>
[Collection(RealtimeCollection.Name)]
public sealed class FeedHubTests(RealtimeFixture api)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task A_follower_receives_feedPost_for_a_normal_authors_post_and_the_author_and_a_stranger_do_not()
    {
        var (author, follower, stranger) = (await api.UserAsync(), await api.UserAsync(), await api.UserAsync());
        await follower.FollowAsync(author);
        await using var followerHub = await api.ConnectAsync(follower);
        await using var authorHub = await api.ConnectAsync(author);
        await using var strangerHub = await api.ConnectAsync(stranger);
        using var followerPosts = followerHub.Subscribe<JsonElement>("feedPost");
        using var authorPosts = authorHub.Subscribe<JsonElement>("feedPost");
        using var strangerPosts = strangerHub.Subscribe<JsonElement>("feedPost");

        var post = await author.CreatePostAsync("hello, live followers");

        var pushed = await followerPosts.ReadAsync();
        Assert.Equal(post.GetProperty("postId").GetString(), pushed.GetProperty("postId").GetString());
        Assert.Equal("hello, live followers", pushed.GetProperty("text").GetString());
        Assert.Equal(author.Handle, pushed.GetProperty("authorHandle").GetString());
        Assert.Equal(post.GetProperty("createdAt").GetString(), pushed.GetProperty("createdAt").GetString());
        await authorPosts.ExpectNothingAsync(Quiet);
        await strangerPosts.ExpectNothingAsync(TimeSpan.Zero);
    }

    [Fact]
    public async Task Followers_of_a_celebrity_receive_feedPost_though_the_post_is_not_fanned_out()
    {
        var celebrity = await api.UserAsync();
        var fans = new[] { await api.UserAsync(), await api.UserAsync() };
        foreach (var fan in fans)
        {
            await fan.FollowAsync(celebrity);
        }

        await using var onlineFan = await api.ConnectAsync(fans[0]);
        using var pushes = onlineFan.Subscribe<JsonElement>("feedPost");

        var post = await celebrity.CreatePostAsync("to all my fans");

        Assert.Equal(post.GetProperty("postId").GetString(), (await pushes.ReadAsync()).GetProperty("postId").GetString());
        var feed = await fans[1].GetJsonAsync("/api/v1/feed");
        Assert.Equal(post.GetProperty("postId").GetString(), feed.GetProperty("items")[0].GetProperty("postId").GetString());
    }

    [Fact]
    public async Task A_like_notifies_the_author_and_updates_the_counts_of_watchers_only()
    {
        var (author, fan, watcher, bystander) = (await api.UserAsync(), await api.UserAsync(), await api.UserAsync(), await api.UserAsync());
        var postId = (await author.CreatePostAsync("like me")).GetProperty("postId").GetString()!;
        await using var authorHub = await api.ConnectAsync(author);
        await using var watcherHub = await api.ConnectAsync(watcher);
        await using var bystanderHub = await api.ConnectAsync(bystander);
        using var notifications = authorHub.Subscribe<JsonElement>("notification");
        using var fanNotifications = bystanderHub.Subscribe<JsonElement>("notification");
        using var updates = watcherHub.Subscribe<JsonElement>("postUpdated");
        using var bystanderUpdates = bystanderHub.Subscribe<JsonElement>("postUpdated");
        await watcherHub.InvokeAsync("WatchPost", postId);

        await Expect.StatusAsync(await fan.PutAsync($"/api/v1/posts/{postId}/like"), HttpStatusCode.NoContent);

        var notification = await notifications.ReadAsync();
        Assert.Equal(("like", fan.UserId, postId, false), (
            notification.GetProperty("type").GetString(), notification.GetProperty("actorId").GetString(),
            notification.GetProperty("postId").GetString(), notification.GetProperty("read").GetBoolean()));
        var counts = await updates.ReadAsync();
        Assert.Equal((postId, 1, 0), (counts.GetProperty("postId").GetString(), counts.GetProperty("likes").GetInt32(), counts.GetProperty("comments").GetInt32()));
        await bystanderUpdates.ExpectNothingAsync(Quiet);
        await fanNotifications.ExpectNothingAsync(TimeSpan.Zero);
    }

    [Fact]
    public async Task Comments_update_watchers_until_they_unwatch()
    {
        var (author, watcher) = (await api.UserAsync(), await api.UserAsync());
        var postId = (await author.CreatePostAsync("talk to me")).GetProperty("postId").GetString()!;
        await using var hub = await api.ConnectAsync(watcher);
        using var updates = hub.Subscribe<JsonElement>("postUpdated");
        await hub.InvokeAsync("WatchPost", postId);

        await Expect.StatusAsync(await watcher.PostAsync($"/api/v1/posts/{postId}/comments", new { text = "first" }), HttpStatusCode.Created);
        Assert.Equal(1, (await updates.ReadAsync()).GetProperty("comments").GetInt32());

        await hub.InvokeAsync("UnwatchPost", postId);
        await Expect.StatusAsync(await watcher.PostAsync($"/api/v1/posts/{postId}/comments", new { text = "second" }), HttpStatusCode.Created);
        await updates.ExpectNothingAsync(Quiet);
    }

    [Fact]
    public async Task Every_connection_of_a_user_receives_pushes_and_closing_one_leaves_the_other_online()
    {
        var (author, follower) = (await api.UserAsync(), await api.UserAsync());
        await follower.FollowAsync(author);
        await using var phone = await api.ConnectAsync(follower);
        var laptop = await api.ConnectAsync(follower);
        using var phonePosts = phone.Subscribe<JsonElement>("feedPost");
        using var laptopPosts = laptop.Subscribe<JsonElement>("feedPost");

        await author.CreatePostAsync("to both devices");
        await phonePosts.ReadAsync();
        await laptopPosts.ReadAsync();

        await laptop.DisposeAsync();
        var second = await author.CreatePostAsync("to the phone");
        Assert.Equal(second.GetProperty("postId").GetString(), (await phonePosts.ReadAsync()).GetProperty("postId").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.")]
    public async Task A_connection_without_a_valid_token_is_refused_with_401(string? token)
    {
        await using var hub = api.NewConnection(token);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    [Fact]
    public async Task A_connection_closes_when_its_access_token_expires()
    {
        var user = await api.UserAsync();
        var shortLived = TestTokens.Hs256(user.UserId, expires: DateTime.UtcNow.AddSeconds(2));
        await using var hub = api.NewConnection(shortLived);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();

        // The server ends the connection: the client did not stop it and does not reconnect (none is configured).
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    [Theory]
    [InlineData(null, "postId must be a post id")]
    [InlineData("", "postId must be a post id")]
    [InlineData("drop table;", "postId must be a post id")]
    [InlineData("999999999999", "does not exist")]
    public async Task Watching_a_bad_post_id_is_a_hub_error_and_the_connection_stays_usable(string? postId, string error)
    {
        var (author, watcher) = (await api.UserAsync(), await api.UserAsync());
        var realPost = (await author.CreatePostAsync("real")).GetProperty("postId").GetString()!;
        await using var hub = await api.ConnectAsync(watcher);

        var failure = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("WatchPost", postId));
        Assert.Contains(error, failure.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("WatchPost", 42, "extra"));
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("NoSuchMethod"));

        await hub.InvokeAsync("WatchPost", realPost);
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    [Fact]
    public async Task Hub_calls_beyond_the_users_rate_limit_get_a_hub_error_and_the_connection_stays_open()
    {
        var (author, caller) = (await api.UserAsync(), await api.UserAsync());
        var postId = (await author.CreatePostAsync("watch me")).GetProperty("postId").GetString()!;
        await using var hub = await api.ConnectAsync(caller);
        await using var second = await api.ConnectAsync(caller);

        for (var i = 0; i < RealtimeFixture.HubBurst; i++)
        {
            await (i % 2 == 0 ? hub : second).InvokeAsync("UnwatchPost", postId);
        }

        var limited = await Assert.ThrowsAsync<HubException>(() => second.InvokeAsync("WatchPost", postId));
        Assert.Contains("Too many hub calls", limited.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, second.State);

        // The user's bucket, shared by both connections, refills at one call a second.
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    await hub.InvokeAsync("WatchPost", postId);
                    return true;
                }
                catch (HubException refused) when (refused.Message.Contains("Too many hub calls", StringComparison.Ordinal))
                {
                    return false;
                }
            },
            "the user's hub bucket refills");
    }
}
