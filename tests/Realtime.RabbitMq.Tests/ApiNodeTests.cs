using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Playbound.Grains;
using Playbound.Grains.Realtime;

namespace Playbound.Realtime.RabbitMq.Tests;

/// <summary>
/// Two real Api nodes with their hubs and a silo's publisher and presence, all through the broker: the path a push
/// takes in cluster mode, from <c>IRealtimePublisher</c> to a client's WebSocket.
/// </summary>
public sealed class ApiNodeTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task A_silos_pushes_reach_the_hub_connections_on_the_node_holding_them_only_in_the_embedded_shape()
    {
        var options = TestBroker.IsolatedOptions();
        using var node1 = new ApiNode(options);
        using var node2 = new ApiNode(options);
        var presence = new ClusterPresence(TimeProvider.System);
        using var listener = new PresenceListener(presence, Options.Create(options), TimeProvider.System, NullLogger<PresenceListener>.Instance);
        using var publisher = TestBroker.Publisher(options);
        IHostedService[] silo = [listener, publisher];
        foreach (var service in silo)
        {
            await service.StartAsync(CancellationToken.None);
        }

        try
        {
            await publisher.WaitConnectedAsync(TestBroker.Timeout());
            var alice = await node1.RegisterAsync();
            var bob = await node2.RegisterAsync();
            await using var aliceHub = await node1.ConnectAsync(alice.Token);
            var bobHub = await node2.ConnectAsync(bob.Token);
            using var alicePosts = aliceHub.Subscribe<JsonElement>(RealtimeMethods.FeedPost);
            using var aliceCounts = aliceHub.Subscribe<JsonElement>(RealtimeMethods.PostUpdated);
            using var bobPosts = bobHub.Subscribe<JsonElement>(RealtimeMethods.FeedPost);
            await TestBroker.EventuallyAsync(() => presence.IsOnline(alice.UserId) && presence.IsOnline(bob.UserId), "both users are online at the silo");

            var post = new PostView("p1", "carol", "carol_c", "héllo <you> 👋", null, DateTimeOffset.Now, 2, 1, false);
            publisher.PushToUsers([alice.UserId], RealtimeMethods.FeedPost, post);

            Assert.Equal(JsonSerializer.Serialize(post, PayloadShapeTests.HubJson), (await alicePosts.ReadAsync()).GetRawText());
            await bobPosts.ExpectNothingAsync(Quiet);

            var created = await (await alice.Http.PostAsJsonAsync("/api/v1/posts", new { text = "watch me" })).Content.ReadFromJsonAsync<JsonElement>();
            var postId = created.GetProperty("postId").GetString()!;
            await aliceHub.InvokeAsync("WatchPost", postId);
            publisher.PushToPostWatchers(new PostCounts(postId, 7, 2));
            Assert.Equal(7, (await aliceCounts.ReadAsync()).GetProperty("likes").GetInt64());

            await bobHub.DisposeAsync();
            await TestBroker.EventuallyAsync(() => !presence.IsOnline(bob.UserId), "bob is offline after his last connection closed");
            Assert.True(presence.IsOnline(alice.UserId));
        }
        finally
        {
            foreach (var service in silo)
            {
                await service.StopAsync(CancellationToken.None);
            }

            await TestBroker.DeleteExchangesAsync(options);
        }
    }
}
