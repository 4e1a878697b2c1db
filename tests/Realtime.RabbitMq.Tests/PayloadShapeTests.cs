using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Playbound.Api.Realtime;
using Playbound.Grains;
using Playbound.Grains.Realtime;

namespace Playbound.Realtime.RabbitMq.Tests;

/// <summary>
/// A push that crosses the broker reaches clients as the same JSON the embedded hub writes for the same value: the node's
/// hub serializes the forwarded element with its own options, so both sides are compared through those options.
/// </summary>
public sealed class PayloadShapeTests
{
    /// <summary>The options the Api's hub serializes payloads with, as the Api registers them.</summary>
    internal static readonly JsonSerializerOptions HubJson = HubPayloadOptions();

    [Fact]
    public async Task Feed_posts_notifications_and_counts_keep_the_embedded_hub_shape()
    {
        await using var cluster = await Cluster.StartAsync();
        await cluster.Node1.UserConnectedAsync("alice");
        await cluster.Node1.PostWatchedAsync("p1");
        // An offset time with sub-millisecond ticks, a null, and text the encoder escapes.
        var createdAt = new DateTimeOffset(2026, 11, 22, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(1234567);
        var post = new PostView("p1", "bob", "bob_b", "héllo <b>&</b> \"you\" 👋", null, createdAt, 3, 1, false);
        var notification = new NotificationView("n1", NotificationTypes.Like, "bob", "bob_b", "p1", createdAt, false);
        var counts = new PostCounts("p1", 3, 1);

        cluster.Publisher.PushToUsers(["alice"], RealtimeMethods.FeedPost, post);
        cluster.Publisher.PushToUsers(["alice"], RealtimeMethods.Notification, notification);
        cluster.Publisher.PushToPostWatchers(counts);

        Assert.Equal(JsonSerializer.Serialize(post, HubJson), JsonSerializer.Serialize((await cluster.Hub1.NextAsync()).Payload, HubJson));
        Assert.Equal(JsonSerializer.Serialize(notification, HubJson), JsonSerializer.Serialize((await cluster.Hub1.NextAsync()).Payload, HubJson));
        Assert.Equal(JsonSerializer.Serialize(counts, HubJson), JsonSerializer.Serialize((await cluster.Hub1.NextAsync()).Payload, HubJson));
    }

    private static JsonSerializerOptions HubPayloadOptions()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddRealtime();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<JsonHubProtocolOptions>>().Value.PayloadSerializerOptions;
    }
}
